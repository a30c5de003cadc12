package io.countersign.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * How long the oldest committed audit event has waited to be sealed into the chain ({@code
 * countersign.audit.unsealed.oldest.age}, seconds; 0 when every event is sealed). The sealing-lag
 * timer only counts events once they are sealed; this gauge keeps growing while no sealer runs at all
 * (every instance's sealer failing, or the database refusing the chain head), which is when it
 * matters. Read from the journal, which holds only the events not sealed yet, at each scrape.
 */
@Component
class UnsealedAge {

    static final String METER = "countersign.audit.unsealed.oldest.age";

    private final AuditRows rows;
    private final Clock clock;

    UnsealedAge(AuditRows rows, Clock clock, MeterRegistry meters) {
        this.rows = rows;
        this.clock = clock;
        Gauge.builder(METER, this, UnsealedAge::seconds)
                .description("Age of the oldest audit event committed but not yet sealed into the hash chain")
                .baseUnit("seconds")
                .strongReference(true)
                .register(meters);
    }

    double seconds() {
        try {
            UnsealedTail tail = rows.unsealedTail();
            if (tail.oldestOccurredAt() == null) {
                return 0;
            }
            Duration age = Duration.between(tail.oldestOccurredAt(), clock.instant());
            return age.isNegative() ? 0 : age.toNanos() / 1e9;
        } catch (RuntimeException databaseUnreachable) {
            // a scrape must not fail because the database does; the absence of a value says enough
            return Double.NaN;
        }
    }
}
