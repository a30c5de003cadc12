package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Channel;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The reason a step's timeout gives for rejecting a request, as written now and as read from before. */
class StepTimeoutReasonTests {

    private static final Instant DEADLINE = Instant.parse("2026-12-07T02:58:32.754874Z");

    @Test
    void aTimeoutIsWrittenWithTheStepCountedFromOneAndTheTimeToTheMinute() {
        assertThat(StepTimeout.timedOut(0, DEADLINE)).isEqualTo("step 1 timed out at 2026-12-07 02:58 UTC");
    }

    @Test
    void aReasonStoredWithItsExactInstantReadsAsOneWrittenNow() {
        assertThat(StepTimeout.asWrittenNow(0, Channel.SYSTEM, "step 1 timed out at 2026-12-07T02:58:32.754874Z"))
                .isEqualTo("step 1 timed out at 2026-12-07 02:58 UTC");
    }

    @Test
    void aReasonStoredWhenStepsWereCountedFromZeroReadsWithTheStepItWasGivenOn() {
        assertThat(StepTimeout.asWrittenNow(1, Channel.SYSTEM, "step 1 timed out at 2026-11-30T09:00:00Z"))
                .isEqualTo("step 2 timed out at 2026-11-30 09:00 UTC");
    }

    @Test
    void aReasonWrittenNowReadsAsItIs() {
        String reason = StepTimeout.timedOut(0, DEADLINE);

        assertThat(StepTimeout.asWrittenNow(0, Channel.SYSTEM, reason)).isEqualTo(reason);
    }

    @Test
    void aPersonsCommentReadsAsTheyWroteItWhateverItSays() {
        String comment = "step 1 timed out at 2026-12-07T02:58:32Z";

        assertThat(StepTimeout.asWrittenNow(0, Channel.WEB, comment)).isEqualTo(comment);
    }

    @Test
    void aSystemCommentThatIsNotATimeoutReadsAsItIs() {
        assertThat(StepTimeout.asWrittenNow(0, Channel.SYSTEM, "step 1 timed out at noonZ"))
                .isEqualTo("step 1 timed out at noonZ");
        assertThat(StepTimeout.asWrittenNow(0, Channel.SYSTEM, StepTimeout.infeasible(0)))
                .isEqualTo(StepTimeout.infeasible(0));
        assertThat(StepTimeout.asWrittenNow(0, Channel.SYSTEM, null)).isNull();
    }
}
