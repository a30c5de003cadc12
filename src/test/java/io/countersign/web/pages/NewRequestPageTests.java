package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The request form tells every reason a request would be refused at once, each next to the field at
 * fault and in the notation the form takes, and answers a refused request as the other forms do.
 */
class NewRequestPageTests extends ServedPagesTestBase {

    String form;
    String resource;
    Visitor ivy;

    /** A requester without a manager, under a policy whose only step the requester's manager approves. */
    @BeforeEach
    void scene() {
        form = base + "/requests/new";
        resource = api.resourceGovernedBy(Map.of(
                "maxDuration",
                "PT4H",
                "requireJustification",
                true,
                "steps",
                List.of(Map.of("name", "Manager Review", "approvers", List.of(Map.of("requesterManager", true))))));
        ivy = Visitor.signedIn(base, api.person("ivy", "USER", PASSWORD), PASSWORD);
    }

    @Test
    void theSuggestionsAskedForAsJsonByARoleThatMakesNoRequestsAreAProblemDocument() {
        HttpResponse<String> seen = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD)
                .ask("GET", base + "/requests/new/options?q=prod", "Accept", "application/json");

        assertThat(seen.statusCode()).isEqualTo(403);
        assertThat(seen.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(seen.body()).contains("\"status\":403").doesNotContain("<html");
    }

    private HttpResponse<String> send(String button, String account, String duration) {
        return ivy.post(
                form,
                form,
                button + "=1&key=k-" + Api.unique("form") + "&resource=" + resource + "&account=" + account
                        + "&duration=" + duration + "&start=now&justification=&ticket=");
    }

    @Test
    void thePreviewGivesEveryReasonAtOnceInTheFormsOwnNotation() {
        HttpResponse<String> preview = send("preview", "admin", "5h");

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body())
                .contains("id=\"duration-error\">Must be at most 4h, the maximum of the governing policy.")
                .contains("id=\"justification-error\">The governing policy requires a justification.")
                .contains("step 1 (&#39;Manager Review&#39;) needs 1 approval but has 0 eligible approvers")
                .contains("<span id=\"max-duration\">4h</span>")
                .doesNotContain("PT4H")
                .doesNotContain("The policy accepts this request");
    }

    @Test
    void aStepNobodyCanApproveSaysSoInThePreview() {
        String steps = previewSteps(send("preview", "admin", "").body());

        assertThat(steps)
                .contains("Manager Review", "nobody can approve this step")
                .doesNotContain(" of");
    }

    /** The preview's list of approval steps, its markup's whitespace folded. */
    private static String previewSteps(String page) {
        int start = page.indexOf("id=\"preview-steps\"");
        return page.substring(start, page.indexOf("</ol>", start)).replaceAll("\\s+", " ");
    }

    @Test
    void anUnknownAccountIsNamedNextToItsField() {
        HttpResponse<String> preview = send("preview", "nosuch", "");

        assertThat(preview.body())
                .contains("id=\"account-error\">No account &#39;nosuch&#39; exists or you may not see it.")
                .contains("value=\"nosuch\" aria-invalid=\"true\" aria-describedby=\"account-error\"");
    }

    @Test
    void aRefusedRequestAnswersAsABadRequestWithEveryReasonAndCreatesNothing() {
        HttpResponse<String> sent = send("send", "admin", "5h");

        assertThat(sent.statusCode()).isEqualTo(400);
        assertThat(sent.body())
                .contains("Nothing was requested")
                .contains("id=\"duration-error\">Must be at most 4h")
                .contains("id=\"justification-error\"")
                .contains("has 0 eligible approvers");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests?resource=" + resource)
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
    }
}
