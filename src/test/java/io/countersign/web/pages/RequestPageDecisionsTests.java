package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The request page decides as the API does and no more: it offers no decision (nor does the approvals
 * page) where the step's policy takes none from the pages, and a form left open while its step was
 * completed elsewhere does not decide the next step.
 */
class RequestPageDecisionsTests extends ServedPagesTestBase {

    @Autowired
    MutableClock clock;

    String requester;
    String requesterToken;

    @BeforeEach
    void scene() {
        requester = api.person("asker", "USER", PASSWORD);
        requesterToken = api.tokenFor(requester);
    }

    private String request(String resource, Map<String, Object> extra) {
        return api.ask(requesterToken, resource, extra);
    }

    @Test
    void aStepThePoliciesKeepOffThePagesOffersNoDecisionOnTheRequestOrTheApprovalsPage() {
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of(
                "steps",
                List.of(Map.of(
                        "approvers", List.of(Map.of("user", approver)), "allowedDecisionChannels", List.of("API")))));
        String id = request(resource, Map.of());

        Visitor browser = Visitor.signedIn(base, approver, PASSWORD);
        String page = browser.open(base + "/requests/" + id).body();
        String approvals = browser.open(base + "/approvals").body();

        assertThat(page).doesNotContain("/requests/" + id + "/approve").contains("may not be decided here");
        assertThat(approvals)
                .contains(id)
                .doesNotContain("/requests/" + id + "/approve", "/requests/" + id + "/reject")
                .contains("This step may not be decided here; its policy lets it be decided only through the API.");
    }

    @Test
    void someoneNotAnApproverIsToldSoWhateverTheStepsChannels() {
        String approver = api.person("approver", "USER", PASSWORD);
        String auditor = api.person("auditor", "AUDITOR", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of(
                "steps",
                List.of(Map.of(
                        "approvers",
                        List.of(Map.of("user", approver)),
                        "allowedDecisionChannels",
                        List.of("API", "EMAIL")))));
        String id = request(resource, Map.of());

        String auditorsView = Visitor.signedIn(base, auditor, PASSWORD)
                .open(base + "/requests/" + id)
                .body();
        String approversView = Visitor.signedIn(base, approver, PASSWORD)
                .open(base + "/requests/" + id)
                .body();

        assertThat(auditorsView)
                .contains("You are not an approver of the current step.")
                .doesNotContain("may not be decided here");
        assertThat(approversView)
                .contains("its policy lets it be decided only through the API or by mail")
                .doesNotContain("You are not an approver");
    }

    @Test
    void aStepWithoutADeadlineOfItsOwnShowsWhenTheRequestExpires() {
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = resourceApprovedBy(approver);
        String id = request(resource, Map.of());
        java.time.Instant expires = java.time.Instant.parse(api.asAdmin()
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("expiresAt")
                .asString());
        String decideBy = "(decide by <time datetime=\"" + expires + "\" title=\"" + expires + "\">"
                + HumanTimes.when(expires) + "</time>)";
        Visitor browser = Visitor.signedIn(base, approver, PASSWORD);

        assertThat(browser.open(base + "/requests/" + id).body())
                .contains(decideBy)
                .doesNotContain("no deadline");
        assertThat(browser.open(base + "/approvals").body()).contains(decideBy).doesNotContain("no deadline");
    }

    @Test
    void aPageLeftOpenDecidesOnlyTheStepItShowed() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String carol = api.person("carol", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(
                Map.of("distinctApproversAcrossSteps", false, "steps", List.of(step(lisa, carol), step(lisa))));
        String id = request(resource, Map.of());
        Visitor lisasBrowser = Visitor.signedIn(base, lisa, PASSWORD);
        String page = base + "/requests/" + id;
        assertThat(lisasBrowser.open(page).body()).contains("name=\"step\" value=\"0\"");

        approve(carol, id);
        HttpResponse<String> answer = lisasBrowser.post(page, page + "/approve", "step=0&comment=");

        assertThat(answer.body()).contains("has moved on to step 2");
        var request = api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("decisions")).hasSize(1);
    }

    @Test
    void aStepNotYetBegunIsNamedAsSuchAndDecidesNothing() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(
                Map.of("distinctApproversAcrossSteps", false, "steps", List.of(step(lisa), step(lisa))));
        String id = request(resource, Map.of());
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, lisa, PASSWORD).post(page, page + "/approve", "step=1&comment=");

        assertThat(answer.body())
                .contains("Step 2 of request " + id + " has not begun: step 1 waits for a decision first")
                .doesNotContain("has moved on");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("decisions"))
                .isEmpty();
    }

    @Test
    void aPersonNotAnApproverOfTheShownStepIsToldItsNumberAsThePageCountsIt() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String carol = api.person("carol", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of(
                "steps",
                List.of(Map.of("name", "Manager Review", "approvers", List.of(Map.of("user", lisa))), step(carol))));
        String id = request(resource, Map.of());
        String page = base + "/requests/" + id;

        HttpResponse<String> answer =
                Visitor.signedIn(base, carol, PASSWORD).post(page, page + "/approve", "step=0&comment=");
        var problem = api.as(api.tokenFor(carol))
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(403)
                .json();

        assertThat(answer.body()).contains("is not an eligible approver of step 1 (Manager Review) of request " + id);
        assertThat(problem.get("detail").asString()).contains("is not an eligible approver of step 1 of request");
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    @Test
    void aRequestsPageIsTitledWithTheRequest() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String resource = resourceApprovedBy(lisa);
        String id = request(resource, Map.of());

        HttpResponse<String> page = Visitor.signedIn(base, lisa, PASSWORD).open(base + "/requests/" + id);

        assertThat(page.body()).contains("<title>admin on " + resource + " (" + id + ") - Countersign</title>");
    }

    @Test
    void aStepTheRequestDoesNotHaveIsRefusedWithThePageInASentenceAndDecidesNothing() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(
                Map.of("distinctApproversAcrossSteps", false, "steps", List.of(step(lisa), step(lisa))));
        String id = request(resource, Map.of());
        String page = base + "/requests/" + id;
        Visitor browser = Visitor.signedIn(base, lisa, PASSWORD);

        for (String decision : List.of("approve", "reject")) {
            // the form counts from 0, the page from 1: the refusal repeats no number the form sent
            for (String step : List.of("7", "2", "-1")) {
                HttpResponse<String> answer =
                        browser.post(page, page + "/" + decision, "step=" + step + "&comment=kept+for+" + decision);

                assertThat(answer.statusCode()).isEqualTo(400);
                assertThat(answer.body())
                        .contains("Request " + id + " has no such step; it waits on step 1: open it again and"
                                + " decide the step its page shows. Nothing was decided.")
                        .doesNotContain("its steps are")
                        .contains(">kept for " + decision + "</textarea>")
                        .doesNotContain("step: ", "has no step", "has moved on");
            }
        }
        HttpResponse<String> fromApprovals =
                browser.post(base + "/approvals", page + "/approve", "step=7&from=approvals&comment=");
        assertThat(fromApprovals.statusCode()).isEqualTo(400);
        assertThat(fromApprovals.body())
                .contains("My approvals", "Request " + id + " has no such step")
                .doesNotContain("step: ");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("decisions"))
                .isEmpty();
    }

    @Test
    void aDecisionThatNamesNoStepOrIsNoFormIsRefusedWithAPageAndDecidesNothing() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String resource = resourceApprovedBy(lisa);
        String id = request(resource, Map.of());
        String page = base + "/requests/" + id;
        Visitor browser = Visitor.signedIn(base, lisa, PASSWORD);

        HttpResponse<String> noStep = browser.post(page, page + "/approve", "comment=x");
        HttpResponse<String> noStepReject = browser.post(page, page + "/reject", "comment=no");
        HttpResponse<String> json =
                browser.postWithTokenInHeader(page, page + "/approve", "application/json", "{\"step\":0}");
        HttpResponse<String> jsonWithStep =
                browser.postWithTokenInQuery(page, page + "/approve?step=0", "text/plain", "step=0");

        for (HttpResponse<String> refused : List.of(noStep, noStepReject, json)) {
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("nothing was changed").doesNotContain("Approved.");
        }
        assertThat(noStep.body()).contains("the form names no step to decide");
        assertThat(json.body()).contains("this body was no form");
        assertThat(jsonWithStep.statusCode()).isIn(400, 403);
        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("decisions"))
                .isEmpty();
    }

    @Test
    void aDelegateIsToldWhomTheyDecideFor() {
        String lisa = api.person("lisa", "USER", PASSWORD);
        String sam = api.person("sam", "USER", PASSWORD);
        String resource = resourceApprovedBy(lisa);
        // a year from the clock the service reads, however long this test is kept
        api.delegate(api.tokenFor(lisa), lisa, sam, clock.instant().plus(Duration.ofDays(365)));
        String page = base + "/requests/" + request(resource, Map.of());

        String samsView = Visitor.signedIn(base, sam, PASSWORD).open(page).body();
        String lisasView = Visitor.signedIn(base, lisa, PASSWORD).open(page).body();

        assertThat(samsView).contains("You decide on behalf of", "<strong>" + lisa + "</strong>", "/approve");
        assertThat(lisasView).contains("/approve").doesNotContain("on behalf of");
    }

    @Test
    void aFormSentAgainWithOtherAnswersGetsAFreshKeyAndThenMakesANewRequest() {
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = resourceApprovedBy(approver);
        Visitor browser = Visitor.signedIn(base, requester, PASSWORD);
        String form = base + "/requests/new";
        String key = keyOf(browser.open(form).body());
        String fields = "resource=" + resource + "&account=admin&start=now&justification=";

        HttpResponse<String> first = browser.post(form, form, fields + "one&key=" + key);
        HttpResponse<String> changed = browser.post(form, form, fields + "two&key=" + key);

        assertThat(first.uri().getPath()).startsWith("/requests/req-");
        assertThat(changed.body()).contains("already sent as another request");
        String fresh = keyOf(changed.body());
        assertThat(fresh).isNotEqualTo(key);
        HttpResponse<String> second = browser.post(form, form, fields + "two&key=" + fresh);
        assertThat(second.uri().getPath())
                .startsWith("/requests/req-")
                .isNotEqualTo(first.uri().getPath());
    }

    @Test
    void aRefusedDecisionGivesTheTypedCommentBack() {
        String approver = api.person("approver", "USER", PASSWORD);
        String resource = resourceApprovedBy(approver);
        String id = request(resource, Map.of());
        String page = base + "/requests/" + id;
        String comment = "my reasoning " + "y".repeat(2100);

        HttpResponse<String> answer = Visitor.signedIn(base, approver, PASSWORD)
                .post(page, page + "/reject", "step=0&comment=" + comment.replace(" ", "+"));

        assertThat(answer.body()).contains("at most 2000 characters", comment);
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    private static String keyOf(String page) {
        var matcher = java.util.regex.Pattern.compile("name=\"key\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(matcher.find()).as("the form carries its key").isTrue();
        return matcher.group(1);
    }

    @Test
    void anApprovalThatNoLongerCountsIsMarkedOnThePage() {
        String leaving = api.person("leaving", "USER", PASSWORD);
        String staying = api.person("staying", "USER", PASSWORD);
        String third = api.person("third", "USER", PASSWORD);
        String resource = api.resourceGovernedBy(Map.of(
                "steps",
                List.of(Map.of(
                        "requiredApprovals",
                        2,
                        "approvers",
                        List.of(Map.of("user", leaving), Map.of("user", staying), Map.of("user", third))))));
        String id = request(resource, Map.of());
        approve(leaving, id);

        api.deactivate(leaving);

        String page = Visitor.signedIn(base, staying, PASSWORD)
                .open(base + "/requests/" + id)
                .body();
        assertThat(page).contains(leaving, "(no longer counts: <span>user deactivated</span>)");
    }
}
