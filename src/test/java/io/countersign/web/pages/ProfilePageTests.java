package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The profile page says what was wrong with a form it refused, and shows it as it was typed. */
class ProfilePageTests extends ServedPagesTestBase {

    private static final Pattern KIND_FIELD = Pattern.compile("name=\"(kind\\.[a-z_]+)\" value=\"([^\"]*)\"");

    /** A kind left as the page shows it is not made a choice: it follows the default as that changes. */
    @Test
    void savedNotificationsLeaveTheKindsKeptAsShownFollowingTheDefault() {
        String user = api.person("follower", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, user, PASSWORD);
        Map<String, String> shown = kindFields(browser.open(base + "/profile").body());
        shown.put("kind.step_opened", "");

        HttpResponse<String> saved = browser.post(base + "/profile", base + "/profile/subscriptions", form(shown));

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(saved.body()).contains("Your subscriptions are saved.");
        JsonNode before =
                api.asAdmin().get("/api/v1/settings/subscriptions").expect(200).json();
        String kind = "break_glass_review_overdue";
        try {
            api.asAdmin()
                    .put("/api/v1/settings/subscriptions", Api.json(Map.of(kind, List.of())))
                    .expect(200);
            JsonNode mine = api.asAdmin()
                    .get("/api/v1/users/" + user + "/subscriptions")
                    .expect(200)
                    .json();
            assertThat(Api.strings(mine.get(kind))).isEmpty();
            assertThat(Api.strings(mine.get("step_opened"))).isEmpty();
        } finally {
            api.asAdmin()
                    .put("/api/v1/settings/subscriptions", Api.json(Map.of(kind, Api.strings(before.get(kind)))))
                    .expect(200);
        }
    }

    @Test
    void aKindSentTwiceIsRefusedAndChangesNothing() {
        String user = api.person("twice", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, user, PASSWORD);
        JsonNode before = api.asAdmin()
                .get("/api/v1/users/" + user + "/subscriptions")
                .expect(200)
                .json();

        HttpResponse<String> answer = browser.post(
                base + "/profile",
                base + "/profile/subscriptions",
                "kind.step_opened=&kind.step_opened=EMAIL&kind.grant_ending=");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).containsPattern("role=\"alert\">[^<]*step_opened: must be given once");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + user + "/subscriptions")
                        .expect(200)
                        .json())
                .isEqualTo(before);
    }

    @Test
    void aRefusedPasswordChangeAnswersABadRequestAndChangesNothing() {
        String user = api.person("changer", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, user, PASSWORD);

        HttpResponse<String> answer = browser.post(
                base + "/profile", base + "/profile/password", "current=wrong&new=another+long+password&repeated=x");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("The two new passwords differ.");
        assertThat(Visitor.signedIn(base, user, PASSWORD)
                        .open(base + "/profile")
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void aRefusedPasswordChangeMarksEachFieldItRefusedWithItsMessage() {
        String user = api.person("marked", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, user, PASSWORD);

        HttpResponse<String> answer =
                browser.post(base + "/profile", base + "/profile/password", "current=wrong&new=abc&repeated=abc");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .containsPattern("<input id=\"current\" [^>]*aria-invalid=\"true\" aria-describedby=\"current-error\"")
                .containsPattern("<input id=\"new\" [^>]*aria-invalid=\"true\" aria-describedby=\"new-error\"")
                .containsPattern("<input id=\"repeated\" [^>]*aria-invalid=\"false\"")
                .containsPattern("id=\"current-error\">[^<]*is not the current password")
                .containsPattern("id=\"new-error\">[^<]*12 to 128 characters");
    }

    @Test
    void refusedSubscriptionsNameEachProblemAndStayAsTyped() {
        String user = api.person("subscriber", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, user, PASSWORD);

        HttpResponse<String> answer =
                browser.post(base + "/profile", base + "/profile/subscriptions", "kind.step_opened=email%2C+FAX");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).contains("step_opened", "FAX").doesNotContain("see errors");
        assertThat(answer.body()).contains("value=\"email, FAX\"");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + user + "/subscriptions")
                        .expect(200)
                        .json()
                        .get("step_opened")
                        .toString())
                .doesNotContain("FAX");
    }

    @Test
    void refusedSubscriptionsMarkEachKindTheyRefuseAndSayWhyInThePagesWords() {
        String user = api.person("marker", "USER", PASSWORD);
        Visitor browser = Visitor.signedIn(base, user, PASSWORD);

        HttpResponse<String> answer = browser.post(
                base + "/profile",
                base + "/profile/subscriptions",
                "kind.step_opened=FAX&kind.request_decided=EMAIL%2CEMAIL&kind.grant_ending=email");

        assertThat(answer.statusCode()).isEqualTo(400);
        String body = answer.body();
        for (String kind : new String[] {"step_opened", "request_decided"}) {
            assertThat(body)
                    .containsPattern("<input id=\"kind-" + kind + "\"[^>]*aria-invalid=\"true\"")
                    .containsPattern("<input id=\"kind-" + kind + "\"[^>]*aria-describedby=\"" + kind + "-error\"");
        }
        assertThat(body)
                .containsPattern("<input id=\"kind-grant_ending\"[^>]*aria-invalid=\"false\"")
                .containsPattern("id=\"step_opened-error\">[^<]*FAX[^<]* is not a channel; use one of ")
                .containsPattern("id=\"request_decided-error\">[^<]*EMAIL[^<]* is listed twice")
                .containsPattern("role=\"alert\">[^<]*step_opened: [^<]*FAX[^<]* is not a channel")
                .doesNotContain("[0]", "[1]", "already entry", "of the request_decided", "kind.step_opened:");
    }

    /** The notification fields of the profile page, as a browser would send them back. */
    private static Map<String, String> kindFields(String page) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher field = KIND_FIELD.matcher(page);
        while (field.find()) {
            fields.put(field.group(1), field.group(2));
        }
        assertThat(fields).containsKey("kind.step_opened");
        return fields;
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
