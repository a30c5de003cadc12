package io.countersign.request;

import static io.countersign.request.RequestFixtures.CREATED;
import static io.countersign.request.RequestFixtures.TTL;
import static io.countersign.request.RequestFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.TimesForPeople;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The timer a write applies first: the same outcome as the sweep, plus the reason the write is refused. */
class DueTimerTests {

    private static final Duration TIMEOUT = Duration.ofMinutes(30);
    private static final Instant DUE = CREATED.plus(TIMEOUT);

    private static AccessRequest requestWhoseStep(OnTimeout onTimeout, String... escalation) {
        return open(Plans.plan(
                new PlannedStep("Manager", 1, List.of("lisa"), TIMEOUT, onTimeout, List.of(escalation), null)));
    }

    @Test
    void nothingDueChangesNothing() {
        AccessRequest request = requestWhoseStep(OnTimeout.REJECT);

        assertThat(DueTimer.apply(request, DUE.minusNanos(1000))).isEmpty();

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(request.pullEvents()).isEmpty();
    }

    @Test
    void anEndedTimeToLiveExpiresTheRequestEvenWhenAStepDeadlinePassedToo() {
        AccessRequest request = requestWhoseStep(OnTimeout.REJECT);

        TimerOutcome outcome = DueTimer.apply(request, CREATED.plus(TTL)).orElseThrow();

        assertThat(request.status()).isEqualTo(RequestStatus.EXPIRED);
        assertThat(outcome.ended()).isTrue();
        assertThat(outcome.reason()).contains("expired at " + CREATED.plus(TTL));
        assertThat(request.pullEvents()).extracting(AuditableEvent::action).containsExactly("request.expired");
    }

    @Test
    void aPassedStepDeadlineThatRejectsEndsTheRequest() {
        AccessRequest request = requestWhoseStep(OnTimeout.REJECT);

        TimerOutcome outcome = DueTimer.apply(request, DUE).orElseThrow();

        assertThat(request.status()).isEqualTo(RequestStatus.REJECTED);
        assertThat(outcome.ended()).isTrue();
        assertThat(outcome.reason())
                .contains("step deadline passed at " + DUE)
                .contains("step 1 'Manager'")
                .contains("REJECTED");
        assertThat(request.pullEvents()).extracting(AuditableEvent::action).containsExactly("request.rejected");
    }

    @Test
    void aStepTimeoutThatRejectsSaysWhenTheStepTimedOutAsPeopleReadTimes() {
        AccessRequest request = requestWhoseStep(OnTimeout.REJECT);

        DueTimer.apply(request, DUE.plusSeconds(90));

        Decision rejection = request.decisions().get(request.decisions().size() - 1);
        assertThat(rejection.channel()).isEqualTo(Channel.SYSTEM);
        assertThat(rejection.comment()).isEqualTo("step 1 timed out at " + TimesForPeople.at(DUE));
    }

    @Test
    void aPassedStepDeadlineThatEscalatesLeavesTheRequestPendingWithAFreshDeadline() {
        AccessRequest request = requestWhoseStep(OnTimeout.ESCALATE, "dora");
        Instant late = DUE.plusSeconds(90);

        TimerOutcome outcome = DueTimer.apply(request, late).orElseThrow();

        assertThat(request.status()).isEqualTo(RequestStatus.PENDING);
        assertThat(outcome.ended()).isFalse();
        assertThat(outcome.reason())
                .contains("step deadline passed at " + DUE)
                .contains("escalated to [dora]")
                .contains("new deadline at " + late.plus(TIMEOUT));
        assertThat(request.pullEvents()).extracting(AuditableEvent::action).containsExactly("request.step_escalated");
    }

    @Test
    void aDecidedRequestHasNothingDue() {
        AccessRequest request = requestWhoseStep(OnTimeout.REJECT);
        request.approve(RequestFixtures.person("lisa"), "lisa", null, CREATED.plusSeconds(5));
        request.pullEvents();

        assertThat(DueTimer.apply(request, CREATED.plus(TTL))).isEmpty();
        assertThat(request.status()).isEqualTo(RequestStatus.APPROVED);
    }
}
