package io.countersign.request;

import static io.countersign.request.Plans.autoStep;
import static io.countersign.request.Plans.plan;
import static io.countersign.request.Plans.step;
import static io.countersign.request.Plans.timedStep;
import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.REQUESTER;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.ApprovalPlan;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccessRequestOpeningTests {

    private static AccessRequest openKeepingEvents(ApprovalPlan plan) {
        RequestDetails details = new RequestDetails(
                "req-open0001",
                REQUESTER,
                "prod-postgresql",
                "rw-admin",
                Duration.ofHours(1),
                null,
                null,
                null,
                plan.policyName(),
                REQUESTER,
                CREATED,
                CREATED.plus(Duration.ofHours(24)),
                REQUESTER,
                REQUESTER);
        return AccessRequest.open(details, plan, person(REQUESTER), name -> name);
    }

    private static List<String> actions(List<AuditableEvent> events) {
        return events.stream().map(AuditableEvent::action).toList();
    }

    @Test
    void aRequestWithStepsStartsPendingOnItsFirstStep() {
        AccessRequest request = openKeepingEvents(plan(step("Manager Review", 1, "lisa"), step("Security", 1, "sam")));

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.currentStep()).isZero();
        assertThat(request.steps().get(0).startedAt()).isEqualTo(CREATED);
        assertThat(request.steps().get(1).hasStarted()).isFalse();
        assertThat(request.steps()).extracting(RequestStep::status).containsOnly(StepStatus.PENDING);
        assertThat(request.decisions()).isEmpty();
        assertThat(actions(request.pullEvents())).containsExactly("request.created", "request.step_started");
    }

    @Test
    void everyEventOfTheRequestCarriesItsId() {
        AccessRequest request = openKeepingEvents(plan(step("Manager Review", 1, "lisa")));

        assertThat(request.pullEvents()).extracting(AuditableEvent::requestId).containsOnly("req-open0001");
    }

    @Test
    void aStepWithATimeoutGetsADeadlineWhenItStartsAndOneWithoutGetsNone() {
        AccessRequest timed = openKeepingEvents(plan(timedStep("Manager Review", Duration.ofMinutes(30), 1, "lisa")));
        AccessRequest untimed = openKeepingEvents(plan(step("Manager Review", 1, "lisa")));

        assertThat(timed.steps().get(0).deadline()).isEqualTo(CREATED.plus(Duration.ofMinutes(30)));
        assertThat(untimed.steps().get(0).deadline()).isNull();
    }

    @Test
    void anAutoApprovedPlanIsApprovedAtOnceWithOneSystemDecisionAndItsStepsSkipped() {
        AccessRequest request = openKeepingEvents(
                Plans.autoApproved("requester is in trusted group sre-oncall", step("Review", 1, "lisa")));

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.closedAt()).isEqualTo(CREATED);
        assertThat(request.steps()).extracting(RequestStep::status).containsExactly(StepStatus.SKIPPED);
        assertThat(request.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.approver()).isEqualTo(Decision.SYSTEM_APPROVER);
            assertThat(decision.channel()).isEqualTo(Channel.SYSTEM);
            assertThat(decision.verdict()).isEqualTo(Verdict.APPROVE);
            assertThat(decision.comment()).isEqualTo("requester is in trusted group sre-oncall");
        });
        List<AuditableEvent> events = request.pullEvents();
        assertThat(actions(events)).containsExactly("request.created", "request.approved");
        assertThat(((RequestApproved) events.get(1)).autoApprovedBecause())
                .isEqualTo("requester is in trusted group sre-oncall");
    }

    @Test
    void aPlanWithoutStepsIsApprovedAtOnce() {
        AccessRequest request = openKeepingEvents(Plans.autoApproved("the policy has no approval steps"));

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.steps()).isEmpty();
        assertThat(request.decisions()).hasSize(1);
    }

    @Test
    void anAutoApprovedFirstStepCompletesWithASystemDecisionAndTheNextStepStarts() {
        AccessRequest request = openKeepingEvents(plan(
                autoStep("Manager Review", "requester is an approver of this step", "dev", "lisa"),
                step("Security", 1, "sam")));

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.currentStep()).isEqualTo(1);
        assertThat(request.steps())
                .extracting(RequestStep::status)
                .containsExactly(StepStatus.APPROVED, StepStatus.PENDING);
        assertThat(request.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.step()).isZero();
            assertThat(decision.channel()).isEqualTo(Channel.SYSTEM);
        });
        assertThat(actions(request.pullEvents()))
                .containsExactly(
                        "request.created", "request.step_started", "request.approval_recorded", "request.step_started");
    }

    @Test
    void whenEveryStepIsAutoApprovedTheRequestIsApproved() {
        AccessRequest request =
                openKeepingEvents(plan(autoStep("A", "requester approves", "dev"), autoStep("B", "same", "dev")));

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.currentStep()).isEqualTo(1);
        assertThat(request.decisions()).hasSize(2);
        assertThat(actions(request.pullEvents())).endsWith("request.approved");
    }

    @Test
    void aRequestTheServiceApprovesStepByStepIsApprovedByTheServiceNotByItsRequester() {
        AccessRequest request = openKeepingEvents(plan(autoStep("Owner", "requester approves", "dev")));

        List<AuditableEvent> events = request.pullEvents();

        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(RequestApproved.class, approved -> {
            assertThat(approved.actor().username()).isEqualTo("system");
            assertThat(approved.actor().channel()).isEqualTo(Channel.SYSTEM);
        });
    }

    @Test
    void aStepTheServiceApprovesAsItStartsIsNotedAsApprovedNotAsWaitingOnNobody() {
        AccessRequest request =
                openKeepingEvents(plan(autoStep("Owner", "the requester is the step's approver", "dev")));

        assertThat(request.pullEvents())
                .filteredOn(RequestStepStarted.class::isInstance)
                .singleElement()
                .extracting(AuditableEvent::note)
                .isEqualTo("step 1 'Owner' is approved automatically: the requester is the step's approver");
    }

    @Test
    void pullingEventsDrainsThem() {
        AccessRequest request = openKeepingEvents(plan(step("A", 1, "lisa")));

        request.pullEvents();

        assertThat(request.pullEvents()).isEmpty();
    }
}
