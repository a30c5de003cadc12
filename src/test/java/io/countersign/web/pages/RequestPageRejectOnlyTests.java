package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The pages offer exactly the decisions the service would take: an approver whom distinct approvers
 * across steps keep from approving (they approved an earlier step, or their approval would leave a
 * later step nobody) is told why there is no Approve, and may still reject, since that rule keeps one
 * person from counting twice towards access, never from stopping it.
 */
class RequestPageRejectOnlyTests extends ServedPagesTestBase {

    String requesterToken;
    String lisa;
    String carol;

    @Autowired
    Clock clock;

    @BeforeEach
    void scene() {
        requesterToken = api.tokenFor(api.person("asker", "USER", PASSWORD));
        lisa = api.person("lisa", "USER", PASSWORD);
        carol = api.person("carol", "USER", PASSWORD);
    }

    @Test
    void anApproverOfAnEarlierStepIsToldWhyNotApproveAndMayStillReject() {
        String id = askUnderDistinctSteps(step(lisa), step(lisa, carol));
        approve(lisa, id);
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        String page = base + "/requests/" + id;

        assertThat(lisasBrowser.open(page).body())
                .doesNotContain("/requests/" + id + "/approve")
                .contains("/requests/" + id + "/reject", "name=\"step\" value=\"1\"")
                .contains("You approved an earlier step of this request; this step needs somebody else to approve"
                        + " it. You may still reject it.");

        HttpResponse<String> answer = lisasBrowser.post(page, page + "/reject", "step=1&comment=not+needed+after+all");

        assertThat(answer.body()).contains("Rejected.");
        assertThat(api.status(id)).isEqualTo("REJECTED");
    }

    @Test
    void anApproverWhoseApprovalWouldLeaveALaterStepNobodyMayStillRejectOnTheRequestAndApprovalsPages() {
        String id = askUnderDistinctSteps(step(lisa, carol), step(lisa));
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        String page = base + "/requests/" + id;

        assertThat(lisasBrowser.open(page).body())
                .doesNotContain("/requests/" + id + "/approve")
                .contains("/requests/" + id + "/reject")
                .contains("Your approval would leave a later step of this request nobody left to approve it;"
                        + " another approver of this step must approve it. You may still reject it.");
        assertThat(lisasBrowser.open(base + "/approvals").body())
                .contains("/requests/" + id + "/reject", "You may still reject it.")
                .doesNotContain("/requests/" + id + "/approve");
        assertThat(Visitor.signedIn(base, carol, PASSWORD).open(page).body())
                .contains("/requests/" + id + "/approve", "/requests/" + id + "/reject")
                .doesNotContain("You may still reject it.");

        HttpResponse<String> answer = lisasBrowser.post(page, page + "/reject", "step=0&comment=not+needed");

        assertThat(answer.body()).contains("Rejected.");
        assertThat(api.status(id)).isEqualTo("REJECTED");
    }

    @Test
    void anApproverOfAnEarlierStepFindsTheStepTheyMayOnlyRejectAmongTheirApprovals() {
        String sam = api.person("sam", "USER", PASSWORD);
        String id = askUnderDistinctSteps(step(carol, sam), step(carol, sam));

        approveThenFindOnlyRejectAmongApprovals(carol, id);
    }

    @Test
    void aDelegateWhoApprovedAnEarlierStepFindsTheStepTheyMayOnlyRejectAmongTheirApprovals() {
        String eve = api.person("eve", "USER", PASSWORD);
        api.delegate(api.tokenFor(lisa), lisa, eve, clock.instant().plus(Duration.ofDays(1)));
        String id = askUnderDistinctSteps(step(lisa), step(eve, carol));

        approveThenFindOnlyRejectAmongApprovals(eve, id);
    }

    @Test
    void anApproverWhoseStepMovedOnIsOfferedNeither() {
        String id = askUnderDistinctSteps(step(lisa), step(carol));
        approve(lisa, id);

        assertThat(Visitor.signedIn(base, lisa, PASSWORD)
                        .open(base + "/requests/" + id)
                        .body())
                .doesNotContain("/requests/" + id + "/approve", "/requests/" + id + "/reject", "You may still reject");
    }

    @Test
    void aDelegatorWhoseDelegateApprovedAnEarlierStepIsToldTheyAreNoApproverOfTheCurrentOne() {
        String sam = api.person("sam", "USER", PASSWORD);
        api.delegate(api.tokenFor(lisa), lisa, sam, clock.instant().plus(Duration.ofDays(1)));
        String id = askUnderDistinctSteps(step(lisa), step(carol));
        api.as(api.tokenFor(sam))
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        String page = base + "/requests/" + id;

        assertThat(lisasBrowser.open(page).body())
                .contains("You are not an approver of the current step.")
                .doesNotContain("You approved an earlier step", "/requests/" + id + "/approve");

        HttpResponse<String> answer = lisasBrowser.post(page, page + "/approve", "step=1&comment=");

        assertThat(answer.body())
                .contains("is not an eligible approver of step 2 of request " + id)
                .doesNotContain("already approved");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    /** A request under two steps that one person may not both approve. */
    private String askUnderDistinctSteps(Map<String, Object> first, Map<String, Object> second) {
        return api.ask(
                requesterToken,
                api.resourceGovernedBy(Map.of("distinctApproversAcrossSteps", true, "steps", List.of(first, second))),
                Map.of());
    }

    /**
     * {@code approver} approves the request's current step, then finds the next step among their
     * approvals, on the page and in the API, with Reject offered and no Approve.
     */
    private void approveThenFindOnlyRejectAmongApprovals(String approver, String id) {
        String token = api.tokenFor(approver);
        api.as(token).post("/api/v1/requests/" + id + "/approve", null).expect(200);

        assertThat(Visitor.signedIn(base, approver, PASSWORD)
                        .open(base + "/approvals")
                        .body())
                .contains("/requests/" + id + "/reject", "You may still reject it.")
                .doesNotContain("/requests/" + id + "/approve");
        assertThat(api.as(token).get("/api/v1/requests?awaiting=me").expect(200).body())
                .contains(id);
    }
}
