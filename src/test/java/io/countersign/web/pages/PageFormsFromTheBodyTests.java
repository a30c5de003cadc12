package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A page form's CSRF token is read from its body or its header only: one put in the address's query
 * (as a link could carry it) is not taken for the form's own, so that no address alone decides a
 * request.
 */
class PageFormsFromTheBodyTests extends ServedPagesTestBase {

    String lisa;
    String id;
    String page;

    @BeforeEach
    void scene() {
        String requesterToken = api.tokenFor(api.person("asker", "USER", PASSWORD));
        lisa = api.person("lisa", "USER", PASSWORD);
        String resource = resourceApprovedBy(lisa);
        id = api.ask(requesterToken, resource, Map.of());
        page = base + "/requests/" + id;
    }

    @Test
    void aDecisionWhoseFieldsAndTokenAreAllInTheQueryDecidesNothing() {
        Visitor browser = Visitor.signedIn(base, lisa, PASSWORD);
        String token = URLEncoder.encode(browser.csrfToken(page), StandardCharsets.UTF_8);

        HttpResponse<String> answer =
                browser.ask("POST", page + "/approve?step=0&_csrf=" + token + "&comment=via-query");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertUndecided();
    }

    @Test
    void aTokenInTheQueryIsNotTakenForTheFormsOwn() {
        Visitor browser = Visitor.signedIn(base, lisa, PASSWORD);

        HttpResponse<String> answer = browser.postWithTokenInQuery(
                page, page + "/approve", "application/x-www-form-urlencoded", "step=0&comment=x");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(answer.body()).doesNotContain("Approved.");
        assertUndecided();
    }

    private void assertUndecided() {
        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("decisions"))
                .isEmpty();
    }
}
