package io.countersign.request;

import static io.countersign.request.Plans.plan;
import static io.countersign.request.Plans.step;
import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.REQUESTER;
import static io.countersign.request.RequestFixtures.open;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Who a delegation makes eligible, when, and for which resources; plain Java, no Spring context. */
class DelegationEligibilityTests {

    private static final Instant AT = CREATED.plusSeconds(60);

    static Delegation delegation(String delegator, String delegate, String... resources) {
        return new Delegation(
                "dlg-" + delegator + "-" + delegate,
                new Participant(delegator, delegator),
                new Participant(delegate, delegate),
                CREATED,
                CREATED.plus(Duration.ofDays(7)),
                List.of(resources),
                null);
    }

    private static void approveAs(AccessRequest request, String username, Delegation... inForce) {
        request.considering(List.of(inForce));
        request.approve(person(username), username, null, AT);
    }

    @Test
    void aDelegateApprovesWhereTheDelegatorIsEligibleAndTheDecisionSaysOnWhoseBehalf() {
        AccessRequest request = open(plan(step("Team", 1, "lisa", "tom")));

        approveAs(request, "sam", delegation("lisa", "sam"));

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        Decision decision = request.decisions().get(0);
        assertThat(decision.approver()).isEqualTo("sam");
        assertThat(decision.onBehalfOf()).isEqualTo(new Participant("lisa", "lisa"));
        assertThat(request.pullEvents())
                .filteredOn(ApprovalRecorded.class::isInstance)
                .map(e -> e.note())
                .singleElement()
                .asString()
                .startsWith("On behalf of lisa: step 1");
    }

    @Test
    void withoutADelegationInForceTheDelegateIsNotEligible() {
        AccessRequest request = open(plan(step("Team", 1, "lisa")));
        Delegation ended = new Delegation(
                "dlg-x", new Participant("lisa", "lisa"), new Participant("sam", "sam"), CREATED, AT, List.of(), null);
        Delegation endedEarly = new Delegation(
                "dlg-y",
                new Participant("lisa", "lisa"),
                new Participant("sam", "sam"),
                CREATED,
                AT.plusSeconds(60),
                List.of(),
                AT.minusSeconds(1));
        Delegation notYet = new Delegation(
                "dlg-z",
                new Participant("lisa", "lisa"),
                new Participant("sam", "sam"),
                AT.plusSeconds(1),
                AT.plusSeconds(60),
                List.of(),
                null);

        for (Delegation d : List.of(ended, endedEarly, notYet)) {
            assertThatThrownBy(() -> approveAs(request, "sam", d)).isInstanceOf(NotAnEligibleApprover.class);
        }
        assertThat(request.awaits("sam", AT, List.of(ended, endedEarly, notYet)))
                .isFalse();
    }

    @Test
    void aDelegationLimitedToOtherResourcesDoesNotApply() {
        AccessRequest request = open(plan(step("Team", 1, "lisa")));

        assertThatThrownBy(() -> approveAs(request, "sam", delegation("lisa", "sam", "staging-*")))
                .isInstanceOf(NotAnEligibleApprover.class);
        approveAs(request, "sam", delegation("lisa", "sam", "staging-*", "prod-*"));
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void chainsAreNotFollowedBeyondOneHop() {
        AccessRequest request = open(plan(step("Team", 1, "lisa")));

        // lisa delegates to sam, sam to eve: eve is nobody's delegate where lisa is eligible
        assertThatThrownBy(() -> approveAs(request, "eve", delegation("lisa", "sam"), delegation("sam", "eve")))
                .isInstanceOf(NotAnEligibleApprover.class);
    }

    @Test
    void aDelegateNeverApprovesTheirOwnRequestEvenWhenSelfApprovalIsAllowed() {
        AccessRequest request = open(plan(new ApprovalRules(true, true), step("Team", 1, "lisa")));

        assertThatThrownBy(() -> approveAs(request, REQUESTER, delegation("lisa", REQUESTER)))
                .isInstanceOf(SelfApprovalNotAllowed.class)
                .hasMessageContaining("a delegate never decides their own request");
        assertThat(request.awaits(REQUESTER, AT, List.of(delegation("lisa", REQUESTER))))
                .isFalse();
    }

    @Test
    void aDelegateNeverApprovesTheDelegatorsOwnRequestWhenSelfApprovalIsForbidden() {
        AccessRequest request = open(plan(step("Team", 1, REQUESTER, "lisa")));

        assertThatThrownBy(() -> approveAs(request, "sam", delegation(REQUESTER, "sam")))
                .isInstanceOf(SelfApprovalNotAllowed.class)
                .hasMessageContaining("on behalf of '" + REQUESTER + "', who asked for it");
    }

    @Test
    void theDelegatorAndTheDelegateCountOnceBetweenThem() {
        AccessRequest request = open(plan(step("Team", 2, "lisa", "tom", "carol")));
        approveAs(request, "lisa");

        assertThatThrownBy(() -> approveAs(request, "sam", delegation("lisa", "sam")))
                .isInstanceOf(AlreadyDecided.class);
        assertThat(request.awaits("sam", AT, List.of(delegation("lisa", "sam"))))
                .isFalse();

        AccessRequest other = open(plan(step("Team", 2, "lisa", "tom", "carol")));
        approveAs(other, "sam", delegation("lisa", "sam"));
        assertThatThrownBy(() -> approveAs(other, "lisa")).isInstanceOf(AlreadyDecided.class);
        assertThat(other.awaits("lisa", AT)).isFalse();
    }

    @Test
    void aDelegateOfTwoApproversCountsOnce() {
        AccessRequest request = open(plan(step("Team", 2, "lisa", "tom", "carol")));
        Delegation[] both = {delegation("lisa", "sam"), delegation("tom", "sam")};
        approveAs(request, "sam", both);

        assertThatThrownBy(() -> approveAs(request, "sam", both)).isInstanceOf(AlreadyDecided.class);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(StepTally.approvals(request.decisions(), 0)).isEqualTo(1);
    }

    @Test
    void anApproverWhoIsAlsoADelegateDecidesOnceAsThemself() {
        AccessRequest request = open(plan(step("Team", 2, "lisa", "tom")));
        approveAs(request, "tom", delegation("lisa", "tom"));

        assertThat(request.decisions().get(0).onBehalfOf()).isNull();
        assertThatThrownBy(() -> approveAs(request, "tom", delegation("lisa", "tom")))
                .isInstanceOf(AlreadyDecided.class);
    }

    @Test
    void underDistinctApproversNeitherPersonMaySatisfyASecondStep() {
        AccessRequest request = open(plan(step("Manager", 1, "lisa"), step("Security", 1, "lisa", "carol")));
        approveAs(request, "sam", delegation("lisa", "sam"));

        assertThatThrownBy(() -> approveAs(request, "lisa")).isInstanceOf(ApprovedAnEarlierStep.class);
        assertThatThrownBy(() -> approveAs(request, "sam", delegation("lisa", "sam")))
                .isInstanceOf(ApprovedAnEarlierStep.class);
        assertThatThrownBy(() -> approveAs(request, "sam", delegation("carol", "sam")))
                .isInstanceOf(ApprovedAnEarlierStep.class);
        approveAs(request, "carol");
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void aRefusalUnderDistinctApproversNamesWhoApprovedTheEarlierStep() {
        AccessRequest request = open(plan(step("Manager", 1, "lisa"), step("Security", 1, "lisa", "carol")));
        approveAs(request, "lisa");

        assertThatThrownBy(() -> approveAs(request, "mallory", delegation("lisa", "mallory")))
                .isInstanceOf(ApprovedAnEarlierStep.class)
                .hasMessageStartingWith("'lisa' approved step 1 ");
    }

    @Test
    void refusalsNameTheDelegateWhoDecidedAndOnWhoseBehalf() {
        AccessRequest oneStep = open(plan(step("Team", 2, "sam", "tom")));
        approveAs(oneStep, "carol", delegation("sam", "carol"));
        AccessRequest twoSteps = open(plan(step("Manager", 1, "lisa"), step("Security", 1, "lisa", "carol")));
        approveAs(twoSteps, "sam", delegation("lisa", "sam"));

        assertThatThrownBy(() -> approveAs(oneStep, "sam"))
                .isInstanceOf(AlreadyDecided.class)
                .hasMessageStartingWith("'carol' has already decided step 1")
                .hasMessageContaining("on behalf of 'sam'");
        assertThatThrownBy(() -> approveAs(twoSteps, "lisa"))
                .isInstanceOf(ApprovedAnEarlierStep.class)
                .hasMessageStartingWith("'sam' approved step 1")
                .hasMessageContaining("on behalf of 'lisa'");
    }

    @Test
    void aDelegateMayRejectOnBehalfOfTheDelegator() {
        AccessRequest request = open(plan(step("Team", 1, "lisa")));
        request.considering(List.of(delegation("lisa", "sam")));

        request.reject(person("sam"), "sam", "not now", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.decisions().get(0).onBehalfOf().username()).isEqualTo("lisa");
    }

    @Test
    void aDelegateWhoApprovedAnEarlierStepMayStillRejectALaterOneAsAnyApproverMay() {
        AccessRequest request = open(plan(step("Manager", 1, "lisa"), step("Security", 1, "carol")));
        approveAs(request, "sam", delegation("lisa", "sam"));
        request.considering(List.of(delegation("carol", "sam")));

        request.reject(person("sam"), "sam", "changed my mind", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.decisions().get(1).onBehalfOf().username()).isEqualTo("carol");
    }

    @Test
    void theDelegateIsAwaitedWhileTheDelegatorIs() {
        AccessRequest request = open(plan(step("Team", 1, "lisa")));

        assertThat(request.awaits("sam", AT, List.of(delegation("lisa", "sam"))))
                .isTrue();
        assertThat(Standing.involvesThrough(request, "sam", List.of(delegation("lisa", "sam")), AT))
                .isTrue();
        assertThat(Standing.involvesThrough(request, "sam", List.of(delegation("tom", "sam")), AT))
                .isFalse();
    }

    @Test
    void aLoopOfDelegationsIsFoundHoweverLong() {
        List<Delegation> running = List.of(delegation("b", "c"), delegation("c", "a"));

        assertThat(DelegationCycles.wouldClose("a", "b", running)).isTrue();
        assertThat(DelegationCycles.wouldClose("c", "b", List.of(delegation("b", "c"))))
                .isTrue();
        assertThat(DelegationCycles.wouldClose("a", "b", List.of(delegation("c", "a"))))
                .isFalse();
    }
}
