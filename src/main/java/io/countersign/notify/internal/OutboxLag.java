package io.countersign.notify.internal;

import io.countersign.shared.Timestamps;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far the outbox (webhook events and notifications alike) runs behind: {@code
 * countersign.outbox.oldest.age}, a gauge of how long the longest-waiting pending delivery has been
 * due (seconds; 0 when nothing is due), which keeps growing while nothing is sent at all; and {@code
 * countersign.outbox.first.attempt.lag}, a timer per channel of the time from a delivery's creation
 * (when it falls due) to its first attempt. Retries are left out of the timer: their waits are the
 * retry schedule's, not lag.
 */
@Component
class OutboxLag {

    static final String OLDEST = "countersign.outbox.oldest.age";
    static final String FIRST_ATTEMPT = "countersign.outbox.first.attempt.lag";

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MeterRegistry meters;

    OutboxLag(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.meters = meters;
        Gauge.builder(OLDEST, this, OutboxLag::oldestDueSeconds)
                .description("How long the longest-waiting pending delivery (webhook or notification) has been due")
                .baseUnit("seconds")
                .strongReference(true)
                .register(meters);
    }

    /** Records the lag of a delivery's first attempt, started at {@code at}; later attempts are not lag. */
    void attempting(DueDeliveries.Due due, Instant at) {
        if (due.attempts() > 0 || due.dueAt() == null) {
            return;
        }
        Duration lag = Duration.between(due.dueAt(), at);
        Timer.builder(FIRST_ATTEMPT)
                .description("From a delivery falling due to its first attempt, per channel")
                .tag("channel", due.channel())
                .publishPercentileHistogram()
                .register(meters)
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    double oldestDueSeconds() {
        Instant now = clock.instant();
        try {
            // the same rows the dispatcher picks: pending, due, and not left behind by a deleted endpoint
            OffsetDateTime oldest = jdbc.sql("""
                            select min(d.next_attempt_at) from webhook_deliveries d
                                left join webhooks w on w.id = d.webhook_id
                            where d.state = 'PENDING' and d.next_attempt_at <= ?
                                and (d.webhook_id is null or w.id is not null)""")
                    .param(Timestamps.toDb(now))
                    .query(OffsetDateTime.class)
                    .optional()
                    .orElse(null);
            if (oldest == null) {
                return 0;
            }
            Duration age = Duration.between(Timestamps.fromDb(oldest), now);
            return age.isNegative() ? 0 : age.toNanos() / 1e9;
        } catch (RuntimeException databaseUnreachable) {
            // a scrape must not fail because the database does; the absence of a value says enough
            return Double.NaN;
        }
    }
}
