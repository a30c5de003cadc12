package io.countersign.request;

import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.REQUESTER;
import static io.countersign.request.RequestFixtures.open;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StepTimeoutTests {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Instant DUE = CREATED.plus(TIMEOUT);

    private static PlannedStep step(OnTimeout onTimeout, List<String> escalation) {
        return new PlannedStep("Manager", 1, List.of("lisa"), TIMEOUT, onTimeout, escalation, null);
    }

    @Test
    void nothingHappensBeforeTheDeadline() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.REJECT, List.of())));

        assertThat(DueTimer.timeOutIfDue(request, DUE.minusSeconds(1))).isFalse();
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.pullEvents()).isEmpty();
    }

    @Test
    void aStepWithoutATimeoutNeverTimesOut() {
        AccessRequest request = open(Plans.plan(Plans.step("Manager", 1, "lisa")));

        assertThat(DueTimer.timeOutIfDue(request, CREATED.plus(Duration.ofDays(3))))
                .isFalse();
    }

    @Test
    void aTimeoutThatRejectsEndsTheRequestWithASystemDecision() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.REJECT, List.of()), Plans.step("Security", 1, "sam")));

        assertThat(DueTimer.timeOutIfDue(request, DUE)).isTrue();

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.steps())
                .extracting(RequestStep::status)
                .containsExactly(StepStatus.REJECTED, StepStatus.SKIPPED);
        Decision decision = request.decisions().get(0);
        assertThat(decision.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(decision.channel()).isEqualTo(Channel.SYSTEM);
        assertThat(request.pullEvents()).extracting(AuditableEvent::action).containsExactly("request.rejected");
    }

    @Test
    void aTimeoutThatEscalatesWidensTheStepOnceWithAFreshDeadline() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.ESCALATE, List.of("dora", "lisa"))));

        assertThat(DueTimer.timeOutIfDue(request, DUE)).isTrue();

        RequestStep step = request.steps().get(0);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(step.eligibleApprovers()).containsExactly("dora", "lisa");
        assertThat(step.escalated()).isTrue();
        assertThat(step.deadline()).isEqualTo(DUE.plus(TIMEOUT));
        RequestStepEscalated escalated =
                (RequestStepEscalated) request.pullEvents().get(0);
        assertThat(escalated.addedApprovers()).containsExactly("dora");
        assertThat(escalated.note()).isEqualTo("step 1 'Manager' timed out and now also waits on [dora]");

        request.approve(person("dora"), "dora", null, DUE.plusSeconds(60));
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void aSecondTimeoutAfterEscalationRejects() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.ESCALATE, List.of("dora"))));
        DueTimer.timeOutIfDue(request, DUE);

        assertThat(DueTimer.timeOutIfDue(request, DUE.plus(TIMEOUT))).isTrue();

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void anEscalationWithNobodyNewToAskRejects() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.ESCALATE, List.of("lisa", REQUESTER))));

        DueTimer.timeOutIfDue(request, DUE);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void anEscalationLeavesOutWhoeverApprovedAnEarlierStep() {
        PlannedStep security = new PlannedStep(
                "Security", 1, List.of("sam"), TIMEOUT, OnTimeout.ESCALATE, List.of("lisa", "dora"), null);
        AccessRequest request = open(Plans.plan(Plans.step("Manager", 1, "lisa"), security));
        Instant opened = CREATED.plusSeconds(5);
        request.approve(person("lisa"), "lisa", null, opened);
        request.pullEvents();

        DueTimer.timeOutIfDue(request, opened.plus(TIMEOUT));

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.steps().get(1).eligibleApprovers()).containsExactly("dora", "sam");
        assertThat(request.pullEvents())
                .filteredOn(RequestStepEscalated.class::isInstance)
                .extracting(event -> ((RequestStepEscalated) event).addedApprovers())
                .containsExactly(List.of("dora"));
    }

    @Test
    void anEscalationOnlyToWhoeverApprovedAnEarlierStepRejectsNamingWhoAndWhy() {
        PlannedStep security =
                new PlannedStep("Security", 1, List.of("sam"), TIMEOUT, OnTimeout.ESCALATE, List.of("lisa"), null);
        AccessRequest request = open(Plans.plan(Plans.step("Manager", 1, "lisa"), security));
        Instant opened = CREATED.plusSeconds(5);
        request.approve(person("lisa"), "lisa", null, opened);

        DueTimer.timeOutIfDue(request, opened.plus(TIMEOUT));

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(rejection(request))
                .isEqualTo(StepTimeout.timedOut(1, opened.plus(TIMEOUT))
                        + ": of those it escalates to, lisa approved step 1");
    }

    @Test
    void aTimeoutAfterAnEscalationThatLeftSomeoneOutNamesThemInItsReason() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.ESCALATE, List.of(REQUESTER, "dora"))));
        DueTimer.timeOutIfDue(request, DUE);
        assertThat(request.steps().get(0).eligibleApprovers()).containsExactly("dora", "lisa");

        DueTimer.timeOutIfDue(request, DUE.plus(TIMEOUT));

        assertThat(rejection(request))
                .isEqualTo(StepTimeout.timedOut(0, DUE.plus(TIMEOUT)) + ": of those it escalates to, " + REQUESTER
                        + " made the request");
    }

    @Test
    void aTimeoutWhoseEscalationLeftNobodyOutSaysOnlyThatItTimedOut() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.ESCALATE, List.of("dora"))));
        DueTimer.timeOutIfDue(request, DUE);

        DueTimer.timeOutIfDue(request, DUE.plus(TIMEOUT));

        assertThat(rejection(request)).isEqualTo(StepTimeout.timedOut(0, DUE.plus(TIMEOUT)));
    }

    private static String rejection(AccessRequest request) {
        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        return request.decisions().stream()
                .filter(d -> d.channel() == Channel.SYSTEM)
                .map(Decision::comment)
                .reduce((first, last) -> last)
                .orElseThrow();
    }

    @Test
    void anEndedRequestDoesNotTimeOut() {
        AccessRequest request = open(Plans.plan(step(OnTimeout.REJECT, List.of())));
        request.approve(person("lisa"), "lisa", null, CREATED.plusSeconds(5));

        assertThat(DueTimer.timeOutIfDue(request, DUE)).isFalse();
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }
}
