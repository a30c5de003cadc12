package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * A page's filter or form field that takes one value, sent twice, is refused naming it in the API's
 * words (a list beside the filter, a form on a page of its own), and nothing is listed or changed:
 * joined with a comma, the two would be a value nobody typed. A field that holds a list (a webhook's events, one ticked box each) takes them all.
 */
class RepeatedPageParametersTests extends ServedPagesTestBase {

    @Test
    void aFilterGivenTwiceIsRefusedAtTheFilterRatherThanListingNothing() {
        Visitor auditor = Visitor.signedIn(base, api.person("auditor", "AUDITOR", PASSWORD), PASSWORD);
        Visitor admin = Visitor.signedIn(base, api.person("admin", "ADMIN", PASSWORD), PASSWORD);

        for (var seen : java.util.List.of(
                auditor.open(base + "/audit?actor=dev&actor=admin"),
                auditor.open(base + "/requests?requester=dev&requester=lisa"),
                admin.open(base + "/admin/users?q=a&q=b"))) {
            String name = seen.uri().getQuery().split("=")[0];
            assertThat(seen.statusCode()).as(seen.uri().toString()).isEqualTo(400);
            assertThat(seen.body())
                    .as(seen.uri().toString())
                    .contains("id=\"" + name + "-error\">must be given once")
                    .doesNotContain("Bad Request - Countersign", "No event matches", "No request matches", "<table");
        }
    }

    @Test
    void aDecisionWhoseCommentOrStepIsGivenTwiceDecidesNothing() {
        String approver = api.person("lisa", "USER", PASSWORD);
        String id = api.ask(
                api.tokenFor(api.person("asker", "USER", PASSWORD)), resourceApprovedBy(approver), java.util.Map.of());
        Visitor lisa = Visitor.signedIn(base, approver, PASSWORD);
        String page = base + "/requests/" + id;

        HttpResponse<String> twoComments = lisa.post(page, page + "/approve", "step=0&comment=first&comment=second");
        HttpResponse<String> twoSteps = lisa.post(page, page + "/approve", "step=0&step=0&comment=");

        assertThat(twoComments.statusCode()).isEqualTo(400);
        assertThat(twoComments.body()).contains("comment: must be given once").doesNotContain("first,second");
        assertThat(twoSteps.statusCode()).isEqualTo(400);
        assertThat(twoSteps.body()).contains("step: must be given once").doesNotContain("whole number");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aListFieldStillTakesEveryTickedBox() {
        Visitor admin = Visitor.signedIn(base, api.person("admin", "ADMIN", PASSWORD), PASSWORD);
        String url = "https://hooks.example.com/" + Api.unique("in");

        HttpResponse<String> created = admin.post(
                base + "/admin/webhooks/new",
                base + "/admin/webhooks",
                "url=" + url + "&events=request.created&events=grant.ended&secret=" + "s".repeat(24));

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("is created.", "request.created, grant.ended");
    }
}
