package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A decision refused on the request or the approvals page names the steps as those pages show them:
 * counted from 1, as the request page lists them, and by the name both pages show, both the step the
 * form was for and the step the request is at now. The form's hidden field counts from 0; its reader
 * never sees that number.
 */
class RefusedStepNamesTests extends ServedPagesTestBase {

    String lisa;
    String carol;
    String requesterToken;

    @BeforeEach
    void scene() {
        lisa = api.person("lisa", "USER", PASSWORD);
        carol = api.person("carol", "USER", PASSWORD);
        requesterToken = api.tokenFor(api.person("asker", "USER", PASSWORD));
    }

    private String requestUnder(List<Map<String, Object>> steps) {
        return api.ask(
                requesterToken,
                api.resourceGovernedBy(Map.of("distinctApproversAcrossSteps", false, "steps", steps)),
                Map.of());
    }

    private static Map<String, Object> named(String name, String... approvers) {
        return Map.of("name", name, "approvers", step(approvers).get("approvers"));
    }

    @Test
    void aRequestThatMovedOnWhileThePageWasOpenNamesBothStepsOnTheRequestPage() {
        String id = requestUnder(List.of(named("Manager review", lisa, carol), named("Security review", lisa)));
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        String page = base + "/requests/" + id;
        String shown = lisasBrowser.open(page).body();
        assertThat(shown).contains("Manager review", "name=\"step\" value=\"0\"");

        approve(carol, id);
        HttpResponse<String> answer = lisasBrowser.post(page, page + "/approve", "step=0&comment=");

        assertThat(answer.body())
                .contains("Request " + id + " has moved on to step 2 (Security review) since step 1 (Manager"
                        + " review), which this decision names; nothing was decided.")
                .doesNotContain("step 0");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aRequestThatMovedOnWhileTheApprovalsPageWasOpenNamesBothStepsThere() {
        String id = requestUnder(List.of(named("Manager review", lisa, carol), named("Security review", lisa)));
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        String approvals = base + "/approvals";
        assertThat(lisasBrowser.open(approvals).body()).contains("<dd>Manager review</dd>");

        approve(carol, id);
        HttpResponse<String> answer =
                lisasBrowser.post(approvals, base + "/requests/" + id + "/reject", "step=0&from=approvals&comment=no");

        assertThat(answer.body())
                .contains("My approvals")
                .contains("has moved on to step 2 (Security review) since step 1 (Manager review)");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aPersonNotEligibleForTheShownStepIsToldItsNumberAndName() {
        String id = requestUnder(List.of(named("Manager review", lisa), step(carol)));
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, carol, PASSWORD).post(page, page + "/approve", "step=0&comment=");

        assertThat(answer.body()).contains("is not an eligible approver of step 1 (Manager review) of request " + id);
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aStepNotYetBegunIsNamedWithTheStepThatWaits() {
        String id = requestUnder(List.of(named("Manager review", lisa), named("Security review", lisa)));
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/approve", "step=1&comment=");

        assertThat(answer.body())
                .contains("Step 2 (Security review) of request " + id
                        + " has not begun: step 1 (Manager review) waits for a decision first");
    }

    @Test
    void aStepWithoutANameIsNamedByItsNumberAlone() {
        String id = requestUnder(List.of(step(lisa, carol), step(lisa)));
        String page = base + "/requests/" + id;
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        lisasBrowser.open(page);

        approve(carol, id);
        HttpResponse<String> answer = lisasBrowser.post(page, page + "/approve", "step=0&comment=");

        assertThat(answer.body()).contains("has moved on to step 2 since step 1, which this decision names");
    }

    @Test
    void aStepTheRequestDoesNotHaveIsAnsweredWithTheStepItWaitsOn() {
        String id = requestUnder(List.of(named("Manager review", lisa), named("Security review", lisa)));
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/approve", "step=7&comment=");

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body())
                .contains("Request " + id + " has no such step; it waits on step 1 (Manager review): open it"
                        + " again and decide the step its page shows.")
                .doesNotContain("step 7", "step 8");
    }

    @Test
    void aSecondDecisionOnTheShownStepNamesIt() {
        String tom = api.person("tom", "USER", PASSWORD);
        String id = requestUnder(List.of(Map.of(
                "name",
                "Manager review",
                "requiredApprovals",
                2,
                "approvers",
                step(lisa, carol, tom).get("approvers"))));
        approve(lisa, id);
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/reject", "step=0&comment=no");

        assertThat(answer.body()).contains("has already decided step 1 (Manager review) of request " + id);
    }

    @Test
    void aStepKeptOffThePagesIsNamedWhenAStaleFormDecidesIt() {
        String id = requestUnder(List.of(Map.of(
                "name",
                "Manager review",
                "approvers",
                step(lisa).get("approvers"),
                "allowedDecisionChannels",
                List.of("API"))));
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/reject", "step=0&comment=no");

        assertThat(answer.body()).contains("Step 1 (Manager review) of request " + id + " may not be decided through");
    }

    @Test
    void anApproverOfAnEarlierStepIsToldBothStepsByName() {
        String id = distinctSteps(named("Manager review", lisa), named("Security review", lisa, carol));
        approve(lisa, id);
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/approve", "step=1&comment=");

        assertThat(answer.body()).contains("approved step 1 (Manager review) of request " + id);
    }

    @Test
    void anApprovalThatWouldStrandALaterStepNamesBothSteps() {
        String id = distinctSteps(named("Manager review", lisa, carol), named("Security review", lisa));
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/approve", "step=0&comment=");

        assertThat(answer.body())
                .contains("Approving step 1 (Manager review) of request " + id
                        + " would leave step 2 (Security review) without an approver")
                .contains("Another approver of step 1 (Manager review) may approve it");
    }

    private String distinctSteps(Map<String, Object> first, Map<String, Object> second) {
        return api.ask(
                requesterToken,
                api.resourceGovernedBy(Map.of("distinctApproversAcrossSteps", true, "steps", List.of(first, second))),
                Map.of());
    }
}
