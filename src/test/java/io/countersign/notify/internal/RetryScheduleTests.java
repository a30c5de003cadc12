package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTests {

    static final RetrySchedule DEFAULTS =
            new RetrySchedule(Duration.ofSeconds(10), Duration.ofHours(1), Duration.ofHours(24));
    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void theWaitStartsAtTenSecondsAndDoublesAfterEachFailure() {
        assertThat(DEFAULTS.backoff(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(DEFAULTS.backoff(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(DEFAULTS.backoff(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(DEFAULTS.backoff(9)).isEqualTo(Duration.ofSeconds(2560));
    }

    @Test
    void theWaitStopsGrowingAtOneHour() {
        assertThat(DEFAULTS.backoff(10)).isEqualTo(Duration.ofHours(1));
        assertThat(DEFAULTS.backoff(1000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void jitterOnlyShortensTheWaitByUpToAFifth() {
        Instant failedAt = START.plusSeconds(30);

        assertThat(DEFAULTS.nextAttempt(START, failedAt, 2, 0.0)).contains(failedAt.plusSeconds(20));
        assertThat(DEFAULTS.nextAttempt(START, failedAt, 2, 0.999999))
                .hasValueSatisfying(next -> assertThat(next).isAfter(failedAt.plusSeconds(16)));
    }

    @Test
    void attemptsContinueForADayAndTheFirstFailureAfterThatIsFinal() {
        assertThat(DEFAULTS.nextAttempt(START, START.plus(Duration.ofHours(24)).minusMillis(1), 30, 0.5))
                .isPresent();
        assertThat(DEFAULTS.nextAttempt(START, START.plus(Duration.ofHours(24)), 31, 0.5))
                .isEmpty();
    }

    @Test
    void followingTheScheduleMakesAboutThirtyAttemptsInTheFirstDay() {
        Instant at = START;
        int attempts = 0;
        while (true) {
            attempts++;
            var next = DEFAULTS.nextAttempt(START, at, attempts, 0.0);
            if (next.isEmpty()) {
                break;
            }
            at = next.get();
        }
        assertThat(at).isAfterOrEqualTo(START.plus(Duration.ofHours(24)));
        assertThat(attempts).isBetween(30, 35);
    }
}
