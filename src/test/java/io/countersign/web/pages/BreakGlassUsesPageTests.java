package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.MutableClock;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The page of break-glass uses and their reviews, and a use's request page with its review, signed in
 * over real HTTP with a session: reviewers, the people told of a use and auditors each see what the API
 * lets them, and only a reviewer records the review.
 */
class BreakGlassUsesPageTests extends ServedPagesTestBase {

    String dev;
    String devToken;
    String rita;
    String lisa;
    String resource;

    @Autowired
    MutableClock clock;

    @BeforeEach
    void aPolicyAllowingReviewedBreakGlass() {
        dev = person("dev", "USER");
        rita = person("rita", "USER");
        lisa = person("lisa", "USER");
        devToken = api.tokenFor(dev);
        resource = breakGlassResource(rita, List.of(rita, lisa), rita, "PT8H");
    }

    private String person(String base, String role) {
        return api.person(base, role, PASSWORD);
    }

    private Visitor signedIn(String username) {
        return Visitor.signedIn(base, username, PASSWORD);
    }

    private String breakGlassUse(String justification) {
        return api.ask(devToken, resource, Map.of("breakGlass", true, "justification", justification));
    }

    private String reviewStatus(String id) {
        return api.asAdmin()
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("review")
                .get("status")
                .asString();
    }

    @Test
    void anAuditorSeesEachUseWithItsReviewAndEveryValueEscaped() {
        String auditor = person("audrey", "AUDITOR");
        String id = breakGlassUse("<b>primary</b> down");

        HttpResponse<String> page = signedIn(auditor).open(base + "/breakglass");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/requests/" + id + "\"")
                .contains("&lt;b&gt;primary&lt;/b&gt; down")
                .doesNotContain("<b>primary</b>")
                .contains("PENDING");
    }

    @Test
    void aReviewerSeesTheUseAndRecordsItsReviewFromTheRequestPage() {
        String id = breakGlassUse("primary down");
        Visitor reviewer = signedIn(rita);

        HttpResponse<String> page = reviewer.open(base + "/requests/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"break-glass\"")
                .contains("id=\"review-status\">PENDING<")
                .contains("id=\"reviewers\">" + rita + "<")
                .contains("id=\"review-due\"")
                .contains("at once (break-glass)")
                .doesNotContain("when approved")
                .contains("action=\"/requests/" + id + "/review\"")
                .contains("Record the review");

        HttpResponse<String> done = reviewer.post(
                base + "/requests/" + id,
                base + "/requests/" + id + "/review",
                "comment=" + URLEncoder.encode("failover <done>", StandardCharsets.UTF_8));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains("Review recorded.")
                .contains("id=\"review-status\">REVIEWED<")
                .contains("id=\"reviewed-by\"><span>" + rita + "</span>")
                .contains("failover &lt;done&gt;")
                .doesNotContain("Record the review");
        assertThat(reviewStatus(id)).isEqualTo("REVIEWED");
    }

    @Test
    void someoneToldOfAUseSeesItsReviewButMayNotRecordIt() {
        String id = breakGlassUse("primary down");
        Visitor told = signedIn(lisa);

        HttpResponse<String> page = told.open(base + "/requests/" + id);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("id=\"break-glass\"")
                .contains("id=\"review-status\">PENDING<")
                .doesNotContain("Record the review")
                .contains("id=\"why-not-review\"")
                .contains("not among the reviewers");

        HttpResponse<String> refused =
                told.post(base + "/requests/" + id, base + "/requests/" + id + "/review", "comment=looked");

        assertThat(refused.body()).contains("not among the reviewers");
        assertThat(reviewStatus(id)).isEqualTo("PENDING");
    }

    @Test
    void aReviewFormFromSomeoneWhoMayNotSeeTheUseFindsNothing() {
        String id = breakGlassUse("primary down");
        String stranger = person("stranger", "USER");

        HttpResponse<String> refused =
                signedIn(stranger).post(base + "/", base + "/requests/" + id + "/review", "comment=x");

        assertThat(refused.statusCode()).isEqualTo(404);
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(refused.body()).contains("Not found").doesNotContain("\"detail\"");
        assertThat(reviewStatus(id)).isEqualTo("PENDING");
    }

    @Test
    void anAuditorReadsTheReviewButHasNoFormToRecordIt() {
        String auditor = person("audrey", "AUDITOR");
        String id = breakGlassUse("primary down");
        Visitor visitor = signedIn(auditor);

        assertThat(visitor.open(base + "/requests/" + id).body())
                .contains("id=\"review-status\">PENDING<")
                .doesNotContain("Record the review");
        assertThat(visitor.post(base + "/requests/" + id, base + "/requests/" + id + "/review", "")
                        .statusCode())
                .isEqualTo(403);
        assertThat(reviewStatus(id)).isEqualTo("PENDING");
    }

    @Test
    void aReviewPastItsDeadlineIsShownOverdue() {
        String id = breakGlassUse("primary down");
        clock.advance(Duration.ofHours(9));

        HttpResponse<String> page = signedIn(rita).open(base + "/requests/" + id);

        assertThat(page.body())
                .contains("id=\"review-status\">OVERDUE<")
                .contains("<strong>overdue</strong>")
                .contains("Record the review");
    }

    @Test
    void aUserFindsTheUsesTheyReviewOrWereToldOfAndNoOthers() {
        String id = breakGlassUse("primary down");
        String stranger = person("stranger", "USER");

        HttpResponse<String> reviewer = signedIn(rita).open(base + "/breakglass");
        HttpResponse<String> told = signedIn(lisa).open(base + "/breakglass");
        HttpResponse<String> neither = signedIn(stranger).open(base + "/breakglass");

        assertThat(reviewer.statusCode()).isEqualTo(200);
        assertThat(reviewer.body()).contains("href=\"/requests/" + id + "\"").contains("href=\"/breakglass\"");
        assertThat(told.statusCode()).isEqualTo(200);
        assertThat(told.body()).contains("href=\"/requests/" + id + "\"");
        assertThat(neither.statusCode()).isEqualTo(200);
        assertThat(neither.body()).doesNotContain(id).contains("No break-glass use matches.");
    }

    @Test
    void theOverdueFilterTakesWhatTheApiTakesAndARefusedOneListsNothing() {
        String id = breakGlassUse("primary down");
        Visitor auditor = signedIn(person("auditor", "AUDITOR"));

        assertThat(auditor.open(base + "/breakglass?overdue=false").body()).contains("href=\"/requests/" + id + "\"");
        for (String value : List.of("1", "yes", "TRUE", "banana")) {
            HttpResponse<String> refused = auditor.open(base + "/breakglass?overdue=" + value);

            assertThat(refused.statusCode()).as(value).isEqualTo(400);
            assertThat(refused.body())
                    .as(value)
                    .contains("id=\"overdue-error\">must be true or false")
                    .doesNotContain(id, "No break-glass use matches.", "aria-current=\"page\">All<");
        }
    }
}
