package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision refused for its comment is answered as the decision link's page answers it: the page
 * again with the status 400, the comment kept in its field, the field marked invalid and naming its
 * message, and on the approvals page the message beside the request it is about.
 */
class RefusedDecisionCommentTests extends ServedPagesTestBase {

    private static final Pattern REJECT_FORM = Pattern.compile("action=\"/requests/([^/\"]+)/reject\"");
    private static final Pattern NEXT = Pattern.compile("<a href=\"([^\"]+)\" rel=\"next\">Next page</a>");

    String requesterToken;
    String lisa;
    String resource;

    @BeforeEach
    void scene() {
        requesterToken = api.tokenFor(api.person("asker", "USER", PASSWORD));
        lisa = api.person("lisa", "USER", PASSWORD);
        resource = resourceApprovedBy(lisa);
    }

    @Test
    void aCommentTooLongIsKeptAndMarkedOnTheRequestPage() {
        String id = api.ask(requesterToken, resource, Map.of());
        String page = base + "/requests/" + id;
        String comment = "my reasoning " + "y".repeat(2100);

        HttpResponse<String> answer = Visitor.signedIn(base, lisa, PASSWORD)
                .post(page, page + "/reject", "step=0&comment=" + comment.replace(" ", "+"));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .contains(">" + comment + "</textarea>")
                .contains("aria-invalid=\"true\"", "aria-describedby=\"reject-comment-error\"")
                .contains("id=\"reject-comment-error\"", "at most 2000 characters");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aRejectionWithoutItsReasonIsMarkedOnTheRequestPage() {
        String id = api.ask(requesterToken, resource, Map.of());
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/reject", "step=0&comment=");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .contains("aria-invalid=\"true\"", "id=\"reject-comment-error\"", "Say why you reject.");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aRefusalOnTheApprovalsPageStandsBesideItsRequest() {
        String first = api.ask(requesterToken, resource, Map.of());
        String refused = api.ask(requesterToken, resource, Map.of());
        String comment = "too long " + "z".repeat(2100);

        HttpResponse<String> answer = Visitor.signedIn(base, lisa, PASSWORD)
                .post(
                        base + "/approvals",
                        base + "/requests/" + refused + "/reject",
                        "step=0&from=approvals&comment=" + comment.replace(" ", "+"));

        assertThat(answer.statusCode()).isEqualTo(400);
        String body = answer.body();
        String section = body.substring(body.indexOf("id=\"reject-comment-" + refused + "\"") - 200);
        assertThat(section)
                .contains("aria-invalid=\"true\"", "aria-describedby=\"reject-comment-error-" + refused + "\"")
                .contains(">" + comment + "</textarea>")
                .contains("id=\"reject-comment-error-" + refused + "\"", "at most 2000 characters");
        assertThat(body).doesNotContain("aria-describedby=\"reject-comment-error-" + first + "\"");
        assertThat(api.status(refused)).isEqualTo("PENDING");
        assertThat(api.status(first)).isEqualTo("PENDING");
    }

    @Test
    void aRefusalForARequestPastTheFirstPageOfApprovalsStandsBesideThatRequest() {
        for (int i = 0; i <= RequestPages.PAGE_SIZE; i++) {
            api.ask(requesterToken, resource, Map.of());
        }
        Visitor browser = Visitor.signedIn(base, lisa, PASSWORD);
        Matcher next = NEXT.matcher(browser.open(base + "/approvals").body());
        assertThat(next.find()).isTrue();
        String secondPage = base + next.group(1).replace("&amp;", "&");
        String cursor = URLDecoder.decode(
                secondPage.substring(secondPage.indexOf("cursor=") + "cursor=".length()), StandardCharsets.UTF_8);
        String shown = browser.open(secondPage).body();
        Matcher rejectForm = REJECT_FORM.matcher(shown);
        assertThat(rejectForm.find()).isTrue();
        String older = rejectForm.group(1);
        assertThat(row(shown, older)).contains("name=\"cursor\" value=\"" + cursor + "\"");
        String comment = "too long " + "z".repeat(2100);

        // as the form on the second page sends it, and as one sent without the page it came from
        for (String posted : List.of("&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8), "")) {
            HttpResponse<String> tooLong = browser.post(
                    secondPage,
                    base + "/requests/" + older + "/reject",
                    "step=0&from=approvals" + posted + "&comment=" + comment.replace(" ", "+"));
            HttpResponse<String> empty = browser.post(
                    secondPage,
                    base + "/requests/" + older + "/reject",
                    "step=0&from=approvals" + posted + "&comment=");

            assertThat(tooLong.statusCode()).as(posted).isEqualTo(400);
            assertThat(row(tooLong.body(), older))
                    .as(posted)
                    .contains("aria-invalid=\"true\"", "aria-describedby=\"reject-comment-error-" + older + "\"")
                    .contains(">" + comment + "</textarea>")
                    .contains("id=\"reject-comment-error-" + older + "\"", "Must be at most 2000 characters.");
            assertThat(empty.statusCode()).as(posted).isEqualTo(400);
            assertThat(row(empty.body(), older)).as(posted).contains("aria-invalid=\"true\"", "Say why you reject.");
        }
        assertThat(api.status(older)).isEqualTo("PENDING");
    }

    /** The card of request {@code id} on the approvals page. */
    private static String row(String page, String id) {
        int form = page.indexOf("/requests/" + id + "/reject");
        assertThat(form).as("the reject form of %s", id).isNotNegative();
        int start = page.lastIndexOf("<section class=\"card\"", form);
        return page.substring(start, page.indexOf("</section>", form));
    }

    @Test
    void aRejectionRefusedAsTheStepMovedOnKeepsItsCommentInItsRowOfTheApprovalsPage() {
        String tom = api.person("tom", "USER", PASSWORD);
        String twoSteps = api.resourceGovernedBy(Map.of("steps", List.of(step(lisa, tom), step(lisa))));
        String other = api.ask(requesterToken, resource, Map.of());
        String moved = api.ask(requesterToken, twoSteps, Map.of());
        approve(tom, moved);
        String comment = "the account is shared with the night shift";

        HttpResponse<String> answer = Visitor.signedIn(base, lisa, PASSWORD)
                .post(
                        base + "/approvals",
                        base + "/requests/" + moved + "/reject",
                        "step=0&from=approvals&comment=" + comment.replace(" ", "+"));

        String body = answer.body();
        assertThat(body).contains("has moved on to step 2");
        String row = body.substring(body.indexOf("id=\"reject-comment-" + moved + "\""));
        assertThat(row.substring(0, row.indexOf("</textarea>"))).endsWith(">" + comment);
        String otherRow = body.substring(body.indexOf("id=\"reject-comment-" + other + "\""));
        assertThat(otherRow.substring(0, otherRow.indexOf("</textarea>"))).doesNotContain(comment);
        assertThat(api.status(moved)).isEqualTo("PENDING");
    }
}
