package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The profile page says what was wrong with a form it refused, and shows it as it was typed. */
class ProfilePageTests extends ServedPagesTestBase {

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
}
