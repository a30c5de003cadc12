package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One audit row per channel and reason a minute; the next one says how many were held back. */
class RefusalAuditLimiterTests {

    final MutableClock clock = new MutableClock();
    final RefusalAuditLimiter limiter = new RefusalAuditLimiter(clock);

    RefusalAuditLimiterTests() {
        clock.set(Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void theFirstRefusalIsRecordedAndTheRestOfTheMinuteAreCounted() {
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).hasValue(0);
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).isEmpty();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).hasValue(2);
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).isEmpty();
    }

    @Test
    void eachChannelAndReasonHasItsOwnAllowance() {
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).hasValue(0);
        assertThat(limiter.admit("ops", "STALE_TIMESTAMP")).hasValue(0);
        assertThat(limiter.admit("oncall", "BAD_SIGNATURE")).hasValue(0);
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).isEmpty();
    }

    @Test
    void aQuietChannelStartsAfreshWithNothingHeldBack() {
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).hasValue(0);
        clock.advance(Duration.ofHours(3));
        assertThat(limiter.admit("ops", "BAD_SIGNATURE")).hasValue(0);
    }
}
