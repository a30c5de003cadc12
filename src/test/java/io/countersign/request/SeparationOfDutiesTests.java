package io.countersign.request;

import static io.countersign.request.Plans.autoStep;
import static io.countersign.request.Plans.plan;
import static io.countersign.request.Plans.step;
import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.REQUESTER;
import static io.countersign.request.RequestFixtures.TTL;
import static io.countersign.request.RequestFixtures.open;
import static io.countersign.request.RequestFixtures.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeparationOfDutiesTests {

    private static final Instant AT = CREATED.plusSeconds(60);

    @Test
    void theRequesterNeverApprovesTheirOwnRequestWhenThePolicyDoesNotAllowIt() {
        AccessRequest request = open(plan(step("Team", 1, REQUESTER, "lisa")));

        assertThatThrownBy(() -> request.approve(person(REQUESTER), REQUESTER, null, AT))
                .isInstanceOf(SelfApprovalNotAllowed.class);
        assertThatThrownBy(() -> request.reject(person(REQUESTER), REQUESTER, null, AT))
                .isInstanceOf(SelfApprovalNotAllowed.class);
        assertThat(request.decisions()).isEmpty();
    }

    @Test
    void theRequesterMayApproveTheirOwnRequestWhenThePolicyAllowsSelfApproval() {
        AccessRequest request = open(plan(new ApprovalRules(true, true), step("Team", 1, REQUESTER, "lisa")));

        request.approve(person(REQUESTER), REQUESTER, null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void selfApprovalStillRequiresBeingAnEligibleApprover() {
        AccessRequest request = open(plan(new ApprovalRules(true, true), step("Team", 1, "lisa")));

        assertThatThrownBy(() -> request.approve(person(REQUESTER), REQUESTER, null, AT))
                .isInstanceOf(NotAnEligibleApprover.class);
    }

    @Test
    void byDefaultAPersonWhoApprovedAnEarlierStepCannotApproveALaterOne() {
        AccessRequest request = open(plan(step("Manager", 1, "lisa", "tom"), step("Security", 1, "lisa", "sam")));
        request.approve(person("lisa"), "lisa", null, AT);

        assertThatThrownBy(() -> request.approve(person("lisa"), "lisa", null, AT))
                .isInstanceOf(ApprovedAnEarlierStep.class)
                .hasMessageContaining("approved step 1 ");
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        request.approve(person("sam"), "sam", null, AT);
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void aPersonWhoApprovedAnEarlierStepMayStillRejectALaterOne() {
        AccessRequest request = open(plan(step("Manager", 1, "lisa"), step("Security", 1, "lisa", "sam")));
        request.approve(person("lisa"), "lisa", null, AT);

        request.reject(person("lisa"), "lisa", "changed my mind", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
    }

    @Test
    void withoutDistinctApproversAcrossStepsOnePersonMaySatisfyTwoSteps() {
        AccessRequest request =
                open(plan(new ApprovalRules(false, false), step("Manager", 1, "lisa"), step("Security", 1, "lisa")));

        request.approve(person("lisa"), "lisa", null, AT);
        request.approve(person("lisa"), "lisa", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
        assertThat(request.decisions()).extracting(Decision::step).containsExactly(0, 1);
    }

    @Test
    void anAutomaticApprovalOfAnEarlierStepDoesNotBlockAPersonLater() {
        AccessRequest request =
                open(plan(autoStep("Team", "requester approves", REQUESTER), step("Security", 1, "sam")));

        request.approve(person("sam"), "sam", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }

    @Test
    void theRequestAwaitsAnEligibleApproverOfTheCurrentStepWhoHasNotDecided() {
        AccessRequest request =
                open(plan(step("Manager", 1, "lisa", "tom"), step("Security", 2, "lisa", "sam", "eve")));

        assertThat(request.awaits("lisa", AT)).isTrue();
        assertThat(request.awaits("sam", AT)).isFalse();
        assertThat(request.awaits(REQUESTER, AT)).isFalse();

        request.approve(person("lisa"), "lisa", null, AT);

        assertThat(request.awaits("lisa", AT)).as("approved the earlier step").isFalse();
        assertThat(request.awaits("sam", AT)).isTrue();
        request.approve(person("sam"), "sam", null, AT);
        assertThat(request.awaits("sam", AT)).as("already decided").isFalse();
        assertThat(request.awaits("eve", CREATED.plus(TTL)))
                .as("past its time-to-live")
                .isFalse();
        request.approve(person("eve"), "eve", null, AT);
        assertThat(request.awaits("eve", AT)).as("no longer pending").isFalse();
    }

    @Test
    void theRequesterAwaitsThemselvesOnlyWithSelfApproval() {
        AccessRequest request = open(plan(new ApprovalRules(true, true), step("Team", 1, REQUESTER)));

        assertThat(request.awaits(REQUESTER, AT)).isTrue();
    }

    @Test
    void everyEligibleApproverOfAnyStepIsInvolved() {
        AccessRequest request = open(plan(step("Manager", 1, "lisa"), step("Security", 1, "sam")));

        assertThat(request.involves("sam")).isTrue();
        assertThat(request.involves("mallory")).isFalse();
    }
}
