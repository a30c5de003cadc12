package io.countersign.notify.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When to try a failed delivery again: the wait starts at {@code initial}, doubles after each failure
 * of the round and stops growing at {@code max}; jitter shortens it by up to a fifth so that
 * deliveries that failed together (a receiver that was down) do not all come back in the same
 * second, while the un-jittered wait remains an upper bound. Once an attempt fails {@code retryFor}
 * or more after the round began, the delivery is given up.
 */
public record RetrySchedule(Duration initial, Duration max, Duration retryFor) {

    static final double MAX_JITTER = 0.2;

    /**
     * @param failuresInRound failed attempts since the round began, including the one just made (≥ 1)
     * @param random a number in [0, 1) that picks the jitter
     * @return when to try again, or empty when the delivery is dead
     */
    public Optional<Instant> nextAttempt(Instant roundStartedAt, Instant failedAt, int failuresInRound, double random) {
        if (!failedAt.isBefore(roundStartedAt.plus(retryFor))) {
            return Optional.empty();
        }
        Duration wait = backoff(failuresInRound);
        long jitterMillis = (long) (wait.toMillis() * MAX_JITTER * random);
        return Optional.of(failedAt.plus(wait).minusMillis(jitterMillis));
    }

    /** The un-jittered wait after the given number of failures in a round. */
    public Duration backoff(int failuresInRound) {
        Duration wait = initial;
        for (int i = 1; i < failuresInRound && wait.compareTo(max) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(max) > 0 ? max : wait;
    }

    /**
     * The later of the backoff's next attempt and what the receiver asked for with Retry-After, but no
     * later than the end of the round's retry window: a receiver asking for longer (a year, or 1e300
     * seconds) gets one last attempt then rather than holding the delivery past its window.
     */
    static Instant notBefore(Instant scheduled, Instant at, Duration retryAfter, Instant windowEnd) {
        if (retryAfter == null || retryAfter.isNegative()) {
            return scheduled;
        }
        Instant last = windowEnd.isAfter(scheduled) ? windowEnd : scheduled;
        if (retryAfter.compareTo(Duration.between(at, last)) >= 0) {
            return last;
        }
        Instant asked = at.plus(retryAfter);
        return asked.isAfter(scheduled) ? asked : scheduled;
    }
}
