package io.countersign.audit;

import io.countersign.shared.AuditableEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes every auditable event to the journal inside the publisher's transaction, so that the change
 * and its audit record commit or roll back together. An event published outside a transaction is
 * refused ({@code MANDATORY}) rather than written on its own or lost. No lock is taken: the
 * {@link AuditSealer} links committed entries into the hash chain afterwards, and the publisher's
 * thread waits briefly after commit for that, so that whoever changed something reads its record in
 * the log when the call returns.
 */
@Component
class AuditTrailWriter {

    private final AuditRows rows;
    private final AuditSealer sealer;
    private final Clock clock;

    AuditTrailWriter(AuditRows rows, AuditSealer sealer, Clock clock) {
        this.rows = rows;
        this.sealer = sealer;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditableEvent event) {
        AuditDraft draft = AuditDraft.of(event);
        // Microseconds are what both databases store; hashing a finer value would not round-trip.
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        rows.journal(draft, occurredAt);
        awaitSealingAfterCommit();
    }

    private void awaitSealingAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.getSynchronizations().stream()
                        .noneMatch(AwaitSealing.class::isInstance)) {
            TransactionSynchronizationManager.registerSynchronization(new AwaitSealing());
        }
    }

    /** Registered once per transaction that wrote to the journal. */
    private final class AwaitSealing implements TransactionSynchronization {

        @Override
        public void afterCommit() {
            sealer.awaitPassAfterNow();
        }
    }
}
