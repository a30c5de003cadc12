package io.countersign.audit;

import io.countersign.shared.AuditableEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends every auditable event to the chain inside the publisher's transaction, so that the change
 * and its audit row commit or roll back together. An event published outside a transaction is
 * refused ({@code MANDATORY}) rather than written on its own or lost.
 */
@Component
class AuditTrailWriter {

    private final AuditRows rows;
    private final Clock clock;

    AuditTrailWriter(AuditRows rows, Clock clock) {
        this.rows = rows;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditableEvent event) {
        AuditDraft draft = AuditDraft.of(event);
        // The head lock serialises appenders across transactions and instances: each one sees the
        // previous one's committed head, so ids stay consecutive and the chain never forks.
        ChainHead head = rows.lockHead();
        // Microseconds are what both databases store; hashing a finer value would not round-trip.
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        rows.append(draft.after(head.lastId(), head.lastHash(), occurredAt));
    }
}
