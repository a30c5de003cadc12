package io.countersign.request;

import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.REQUESTER;
import static io.countersign.request.RequestFixtures.TTL;
import static io.countersign.request.RequestFixtures.person;
import static io.countersign.request.RequestFixtures.twoStepIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.AuditableEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Rejection, cancellation and expiry: the transitions that end a request without access. */
class AccessRequestEndingTests {

    private static final Instant AT = CREATED.plusSeconds(300);

    @Test
    void oneRejectionByAnEligibleApproverEndsTheWorkflow() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        request.reject(person("tom"), "tom", "not during the freeze", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.closedAt()).isEqualTo(AT);
        assertThat(request.steps())
                .extracting(RequestStep::status)
                .containsExactly(StepStatus.REJECTED, StepStatus.SKIPPED);
        assertThat(request.decisions())
                .singleElement()
                .extracting(Decision::verdict)
                .isEqualTo(Verdict.REJECT);
        RequestRejected rejected = (RequestRejected) request.pullEvents().get(0);
        assertThat(rejected.action()).isEqualTo("request.rejected");
        assertThat(rejected.step()).isZero();
        assertThat(rejected.comment()).isEqualTo("not during the freeze");
    }

    @Test
    void aRejectionOutweighsEarlierApprovalsOnTheSameStep() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);
        request.approve(person("lisa"), "lisa", null, AT);
        request.approve(person("carol"), "carol", null, AT);

        request.reject(person("sam"), "sam", null, AT);

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(request.steps())
                .extracting(RequestStep::status)
                .containsExactly(StepStatus.APPROVED, StepStatus.REJECTED);
    }

    @Test
    void anApproverWhoApprovedCannotAlsoRejectTheSameStep() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);
        request.approve(person("lisa"), "lisa", null, AT);

        request.approve(person("carol"), "carol", null, AT);
        assertThatThrownBy(() -> request.reject(person("carol"), "carol", null, AT))
                .isInstanceOf(AlreadyDecided.class);
    }

    @Test
    void someoneWhoIsNotEligibleCannotReject() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThatThrownBy(() -> request.reject(person("mallory"), "mallory", null, AT))
                .isInstanceOf(NotAnEligibleApprover.class);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedRequestCannotBeRejected(RequestStatus ended) {
        AccessRequest request = twoStepIn(ended);

        assertThatThrownBy(() -> request.reject(person("lisa"), "lisa", null, AT))
                .isInstanceOf(RequestNotPending.class);
        assertThat(request.status()).isEqualTo(ended);
    }

    @Test
    void theRequesterMayCancelWhilePending() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);
        request.approve(person("lisa"), "lisa", null, AT);
        request.pullEvents();

        request.cancel(person(REQUESTER), REQUESTER, "no longer needed", AT);

        assertThat(request.status()).isEqualTo(RequestStatus.CANCELLED);
        assertThat(request.closedAt()).isEqualTo(AT);
        assertThat(request.steps())
                .extracting(RequestStep::status)
                .containsExactly(StepStatus.APPROVED, StepStatus.SKIPPED);
        assertThat(request.pullEvents()).extracting(AuditableEvent::action).containsExactly("request.cancelled");
    }

    @Test
    void onlyTheRequesterMayCancel() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThatThrownBy(() -> request.cancel(person("lisa"), "lisa", null, AT))
                .isInstanceOf(NotTheRequester.class);
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedRequestCannotBeCancelled(RequestStatus ended) {
        AccessRequest request = twoStepIn(ended);

        assertThatThrownBy(() -> request.cancel(person(REQUESTER), REQUESTER, null, AT))
                .isInstanceOf(RequestNotPending.class);
        assertThat(request.status()).isEqualTo(ended);
    }

    @Test
    void aRequestPastItsTimeToLiveCannotBeCancelled() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThatThrownBy(() -> request.cancel(person(REQUESTER), REQUESTER, null, CREATED.plus(TTL)))
                .isInstanceOf(RequestNotPending.class);
    }

    @Test
    void aPendingRequestExpiresOnceItsTimeToLiveHasRunOut() {
        AccessRequest request = twoStepIn(RequestStatus.PENDING);

        assertThat(DueTimer.expireIfDue(request, CREATED.plus(TTL).minusSeconds(1)))
                .isFalse();
        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(DueTimer.expireIfDue(request, CREATED.plus(TTL))).isTrue();

        assertThat(request.status()).isEqualTo(RequestStatus.EXPIRED);
        assertThat(request.steps()).extracting(RequestStep::status).containsOnly(StepStatus.SKIPPED);
        RequestExpired expired = (RequestExpired) request.pullEvents().get(0);
        assertThat(expired.action()).isEqualTo("request.expired");
        assertThat(expired.actor().channel()).isEqualTo(io.countersign.shared.Channel.SYSTEM);
    }

    @ParameterizedTest
    @EnumSource(value = RequestStatus.class, names = "PENDING", mode = EnumSource.Mode.EXCLUDE)
    void anEndedRequestDoesNotExpire(RequestStatus ended) {
        AccessRequest request = twoStepIn(ended);

        assertThat(DueTimer.expireIfDue(request, CREATED.plus(TTL).plusSeconds(3600)))
                .isFalse();
        assertThat(request.status()).isEqualTo(ended);
        assertThat(request.pullEvents()).isEmpty();
    }
}
