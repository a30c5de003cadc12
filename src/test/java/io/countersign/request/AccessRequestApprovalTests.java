package io.countersign.request;

import static io.countersign.request.Plans.plan;
import static io.countersign.request.Plans.step;
import static io.countersign.request.Plans.timedStep;
import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.TTL;
import static io.countersign.request.RequestFixtures.open;
import static io.countersign.request.RequestFixtures.person;
import static io.countersign.request.RequestFixtures.twoStepIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AccessRequestApprovalTests {

    private static final Instant AT = CREATED.plusSeconds(120);

    @Test
    void theOnlyApprovalOfAOneStepRequestApprovesIt() {
        AccessRequest request = open(plan(step("Review", 1, "lisa", "tom")));

        request.approve(person("lisa"), "lisa", "ok", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.closedAt()).isEqualTo(AT);
        assertThat(request.steps().get(0).status()).isEqualTo(StepStatus.APPROVED);
        assertThat(request.decisions())
                .containsExactly(new Decision("lisa", "lisa", 0, Verdict.APPROVE, "ok", Channel.API, AT));
        assertThat(request.pullEvents())
                .extracting(AuditableEvent::action)
                .containsExactly("request.approval_recorded", "request.approved");
    }

    @Test
    void theApprovedEventCarriesWhatAGrantNeeds() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        request.approve(person("lisa"), "lisa", null, AT);

        RequestApproved approved = (RequestApproved) request.pullEvents().get(1);
        assertThat(approved.requester()).isEqualTo("dev");
        assertThat(approved.resource()).isEqualTo("prod-postgresql");
        assertThat(approved.account()).isEqualTo("rw-admin");
        assertThat(approved.duration()).isEqualTo(Duration.ofHours(2));
        assertThat(approved.approvedAt()).isEqualTo(AT);
        assertThat(approved.actor().username()).isEqualTo("lisa");
    }

    @Test
    void anApprovalFollowedByAStepTheServiceApprovesLeavesTheRequestApprovedByTheService() {
        AccessRequest request =
                open(plan(step("Review", 1, "lisa"), Plans.autoStep("Owner", "requester approves", "dev")));

        request.approve(person("lisa"), "lisa", "ok", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.pullEvents())
                .filteredOn(RequestApproved.class::isInstance)
                .singleElement()
                .satisfies(approved -> assertThat(approved.actor().username()).isEqualTo("system"));
    }

    @Test
    void aTwoOfThreeStepWaitsForTheSecondDistinctApproval() {
        AccessRequest request = open(plan(step("Security", 2, "carol", "sam", "eve")));

        request.approve(person("carol"), "carol", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.steps().get(0).status()).isEqualTo(StepStatus.PENDING);
        ApprovalRecorded recorded = (ApprovalRecorded) request.pullEvents().get(0);
        assertThat(recorded.approvals()).isEqualTo(1);
        assertThat(recorded.requiredApprovals()).isEqualTo(2);

        request.approve(person("eve"), "eve", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void onePersonCountsOncePerStep() {
        AccessRequest request = open(plan(step("Security", 2, "carol", "sam", "eve")));
        request.approve(person("carol"), "carol", null, AT);
        request.pullEvents();

        assertThatThrownBy(() -> request.approve(person("carol"), "carol", null, AT))
                .isInstanceOf(AlreadyDecided.class);
        assertThat(request.decisions()).hasSize(1);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.pullEvents()).isEmpty();
    }

    @Test
    void completingAStepStartsTheNextWithItsDeadlineCountedFromThen() {
        AccessRequest request =
                open(plan(step("Manager", 1, "lisa"), timedStep("Security", Duration.ofHours(2), 1, "sam")));

        request.approve(person("lisa"), "lisa", null, AT);

        assertThat(request.currentStep()).isEqualTo(1);
        assertThat(request.steps().get(0).status()).isEqualTo(StepStatus.APPROVED);
        RequestStep second = request.steps().get(1);
        assertThat(second.startedAt()).isEqualTo(AT);
        assertThat(second.deadline()).isEqualTo(AT.plus(Duration.ofHours(2)));
        assertThat(request.pullEvents())
                .extracting(AuditableEvent::action)
                .containsExactly("request.approval_recorded", "request.step_started");
    }

    @Test
    void aTwoStepRequestIsApprovedOnlyAfterItsLastStep() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        request.approve(person("tom"), "tom", null, AT);
        request.approve(person("sam"), "sam", null, AT);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        request.approve(person("eve"), "eve", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.decisions()).extracting(Decision::step).containsExactly(0, 1, 1);
    }

    @Test
    void someoneWhoIsNotEligibleCannotApproveAndNothingChanges() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThatThrownBy(() -> request.approve(person("mallory"), "mallory", null, AT))
                .isInstanceOf(NotAnEligibleApprover.class)
                .hasMessageContaining("step 1 ");
        assertThat(request.decisions()).isEmpty();
        assertThat(request.pullEvents()).isEmpty();
    }

    @Test
    void anApproverOfALaterStepCannotDecideTheCurrentOne() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThatThrownBy(() -> request.approve(person("carol"), "carol", null, AT))
                .isInstanceOf(NotAnEligibleApprover.class);
        assertThatThrownBy(() -> request.reject(person("carol"), "carol", null, AT))
                .isInstanceOf(NotAnEligibleApprover.class);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedRequestCannotBeApproved(RequestStatus ended) {
        AccessRequest request = twoStepIn(ended);
        int decisions = request.decisions().size();

        assertThatThrownBy(() -> request.approve(
                        person("tom"), "tom", null, CREATED.plus(TTL).plusSeconds(1)))
                .isInstanceOf(RequestNotPending.class)
                // an expired request says when it expired, as one whose time-to-live has just run out does
                .hasMessageContaining(ended == RequestStatus.EXPIRED ? "expired at" : ended.name());
        assertThat(request.status()).isEqualTo(ended);
        assertThat(request.decisions()).hasSize(decisions);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedRequestCannotBeApprovedEvenWhileItWouldStillBeInTime(RequestStatus ended) {
        AccessRequest request = twoStepIn(ended);

        assertThatThrownBy(() -> request.approve(person("tom"), "tom", null, AT))
                .isInstanceOf(RequestNotPending.class);
    }

    @Test
    void aPendingRequestPastItsTimeToLiveCannotBeApprovedEvenBeforeItIsMarkedExpired() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThatThrownBy(() -> request.approve(person("lisa"), "lisa", null, CREATED.plus(TTL)))
                .isInstanceOf(RequestNotPending.class)
                .hasMessageContaining("expired");
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
    }

    @Test
    void theDecisionKeepsTheChannelItCameThrough() {
        AccessRequest request = open(plan(step("Review", 1, "lisa")));

        request.approve(
                new io.countersign.shared.Actor("lisa", io.countersign.shared.Role.USER, Channel.EMAIL, null),
                "lisa",
                "yes",
                AT);

        assertThat(request.decisions().get(0).channel()).isEqualTo(Channel.EMAIL);
    }

    @Test
    void newDecisionsAreThoseMadeSinceOpening() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        request.approve(person("lisa"), "lisa", null, AT);

        assertThat(request.unsaved().newDecisions())
                .extracting(Decision::approver)
                .containsExactly("lisa");
    }

    @Test
    void changedStepsAreThoseChangedSinceTheRequestWasRead() {
        AccessRequest read = stored(twoStepIn(RequestStatus.PENDING));

        read.approve(person("lisa"), "lisa", null, AT);

        assertThat(read.unsaved().changedSteps()).extracting(RequestStep::index).containsExactly(0, 1);

        AccessRequest again = stored(read);
        again.approve(person("carol"), "carol", null, AT);

        assertThat(again.unsaved().changedSteps()).isEmpty();

        again.approve(person("sam"), "sam", null, AT);

        assertThat(again.unsaved().changedSteps())
                .extracting(RequestStep::index)
                .containsExactly(1);
        assertThat(again.unsaved().changedSteps().get(0).status()).isEqualTo(StepStatus.APPROVED);
    }

    private static AccessRequest stored(AccessRequest request) {
        return new AccessRequest(
                request.details(),
                request.rules(),
                request.steps(),
                request.decisions(),
                request.status(),
                request.currentStep(),
                request.closedAt(),
                0);
    }
}
