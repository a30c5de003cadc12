package io.countersign.request;

import static io.countersign.request.Plans.plan;
import static io.countersign.request.Plans.step;
import static io.countersign.request.RequestFixtures.CREATED;
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

/** What a request does when a person leaves it or what it asks for goes away. */
class AccessRequestWithdrawalTests {

    private static final Instant AT = CREATED.plusSeconds(300);

    private static List<String> actions(AccessRequest request) {
        return request.pullEvents().stream().map(AuditableEvent::action).toList();
    }

    @Test
    void aWithdrawnApproverLeavesEveryStepStillToBeDecidedAndTheRequestGoesOn() {
        AccessRequest request = open(plan(step("First", 1, "lisa", "tom"), step("Second", 1, "carol", "tom")));

        assertThat(ApproverWithdrawal.withdraw(request, "tom", "tom", "user deactivated", AT))
                .isTrue();

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.steps().get(0).eligibleApprovers()).containsExactly("lisa");
        assertThat(request.steps().get(1).eligibleApprovers()).containsExactly("carol");
        assertThat(request.unsaved().withdrawnApprovers()).containsExactly("tom");
        assertThat(request.awaits("tom", AT)).isFalse();
        assertThat(actions(request)).containsExactly("request.approver_withdrawn");
    }

    @Test
    void aRequestThatDoesNotNameThePersonIsLeftAsItIs() {
        AccessRequest request = open(plan(step("First", 1, "lisa")));

        assertThat(ApproverWithdrawal.withdraw(request, "carol", "carol", "user deleted", AT))
                .isFalse();

        assertThat(request.unsaved().withdrawnApprovers()).isEmpty();
        assertThat(actions(request)).isEmpty();
    }

    @Test
    void aCurrentStepThatCanNoLongerCompleteIsRejectedByTheSystem() {
        AccessRequest request = open(plan(step("Both", 2, "lisa", "tom")));

        ApproverWithdrawal.withdraw(request, "lisa", "lisa", "user deleted", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.decisions()).singleElement().satisfies(d -> {
            assertThat(d.channel()).isEqualTo(Channel.SYSTEM);
            assertThat(d.verdict()).isEqualTo(Verdict.REJECT);
        });
        assertThat(actions(request)).containsExactly("request.approver_withdrawn", "request.rejected");
    }

    @Test
    void anApprovalAlreadyGivenStillCountsTowardsTheStep() {
        AccessRequest request = open(plan(step("Two of three", 2, "lisa", "sam", "tom")));
        request.approve(person("lisa"), "lisa", null, AT);

        ApproverWithdrawal.withdraw(request, "tom", "tom", "user deactivated", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        request.approve(person("sam"), "sam", null, AT);
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void aStepThatEscalatesOnTimeoutEscalatesOnceWhenItCanNoLongerComplete() {
        PlannedStep escalating = new PlannedStep(
                "Both", 2, List.of("lisa", "tom"), Duration.ofHours(1), OnTimeout.ESCALATE, List.of("dora"), null);
        AccessRequest request = open(plan(escalating));

        ApproverWithdrawal.withdraw(request, "tom", "tom", "user deactivated", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.steps().get(0).escalated()).isTrue();
        assertThat(request.steps().get(0).eligibleApprovers()).containsExactly("dora", "lisa");
        assertThat(request.steps().get(0).deadline()).isEqualTo(AT.plus(Duration.ofHours(1)));

        assertThat(request.pullEvents())
                .filteredOn(RequestStepEscalated.class::isInstance)
                .extracting(AuditableEvent::note)
                .as("the deadline has not passed")
                .containsExactly("step 1 'Both' can no longer get its approvals and now also waits on [dora]");

        ApproverWithdrawal.withdraw(request, "dora", "dora", "user deleted", AT);

        assertThat(request.status()).as("it escalates once only").isEqualTo(RequestStatus.REJECTED);
    }

    private static AccessRequest securityStepEscalatingTo(String... escalation) {
        PlannedStep security = new PlannedStep(
                "Security",
                2,
                List.of("lisa", "eve", "sam"),
                Duration.ofHours(1),
                OnTimeout.ESCALATE,
                List.of(escalation),
                null);
        return open(plan(security));
    }

    private static String rejection(AccessRequest request) {
        return request.decisions().stream()
                .filter(d -> d.channel() == Channel.SYSTEM)
                .map(Decision::comment)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aDelegateWhoseApprovalWasWithdrawnStaysOutOfTheStepAndTheRejectionSaysSo() {
        AccessRequest request = securityStepEscalatingTo("boss", "carol");
        request.considering(List.of(DelegationEligibilityTests.delegation("lisa", "boss")));
        request.approve(person("boss"), "boss", null, AT);

        ApproverWithdrawal.withdraw(request, "lisa", "lisa", "user deactivated", AT);
        ApproverWithdrawal.withdraw(request, "eve", "eve", "user deactivated", AT);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.steps().get(0).eligibleApprovers()).containsExactlyInAnyOrder("carol", "sam");
        ApproverWithdrawal.withdraw(request, "sam", "sam", "user deactivated", AT);

        assertThat(request.decisions().get(0).withdrawn()).isEqualTo("user deactivated");
        // one person decides a step once: boss's withdrawn approval still keeps him out of it, and
        // carol alone cannot give its two approvals
        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(rejection(request))
                .isEqualTo("step 1 can no longer get its approvals: of those it escalates to, boss already decided it");
    }

    @Test
    void withoutTheWithdrawnApprovalTheSameStepEscalates() {
        AccessRequest request = securityStepEscalatingTo("boss", "carol");

        for (String leaver : List.of("lisa", "eve", "sam")) {
            ApproverWithdrawal.withdraw(request, leaver, leaver, "user deactivated", AT);
        }

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.steps().get(0).eligibleApprovers()).containsExactlyInAnyOrder("boss", "carol");
    }

    @Test
    void aRejectionForWantOfApproversNamesNobodyWhenNobodyWasLeftOut() {
        AccessRequest request = securityStepEscalatingTo("carol");

        for (String leaver : List.of("lisa", "eve", "sam")) {
            ApproverWithdrawal.withdraw(request, leaver, leaver, "user deactivated", AT);
        }

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(rejection(request)).isEqualTo("step 1 can no longer get its approvals");
    }

    @Test
    void aLaterStepThatLostItsApproversIsRejectedWhenItOpens() {
        AccessRequest request = open(plan(step("First", 1, "lisa"), step("Second", 2, "carol", "sam")));
        ApproverWithdrawal.withdraw(request, "sam", "sam", "user deactivated", AT);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);

        request.approve(person("lisa"), "lisa", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.currentStep()).isEqualTo(1);
    }

    @Test
    void aRequestWhoseRequesterLeftIsCancelledByTheSystemWithTheReason() {
        AccessRequest request = open(plan(step("First", 1, "lisa")));

        assertThat(request.withdraw("user deleted", AT)).isTrue();

        assertThat(request.status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(request.pullEvents()).singleElement().satisfies(event -> {
            assertThat(event.action()).isEqualTo("request.cancelled");
            assertThat(event.actor().channel()).isEqualTo(Channel.SYSTEM);
            assertThat(event.note()).isEqualTo("cancelled by the service: user deleted");
        });
        assertThat(request.withdraw("user deleted", AT))
                .as("only a pending request")
                .isFalse();
    }
}
