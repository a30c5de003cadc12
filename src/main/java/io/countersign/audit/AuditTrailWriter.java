package io.countersign.audit;

import io.countersign.shared.AuditableEvent;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.HeldWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
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
 *
 * <p>The events of one transaction are written together just before it commits, in the round trip
 * that makes the transaction's other last writes ({@link CommitWrites}), instead of one each: a
 * journal row that cannot be written still fails the commit, so no change commits without its rows. When a transaction rolls back to a savepoint (a nested
 * transaction that failed), the events recorded after the savepoint are dropped with the rest of
 * that work.
 */
@Component
class AuditTrailWriter {

    private final AuditRows rows;
    private final AuditSealer sealer;
    private final CommitWrites commitWrites;
    private final Clock clock;

    AuditTrailWriter(AuditRows rows, AuditSealer sealer, CommitWrites commitWrites, Clock clock) {
        this.rows = rows;
        this.sealer = sealer;
        this.commitWrites = commitWrites;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(AuditableEvent event) {
        AuditDraft draft = AuditDraft.of(event);
        // Microseconds are what both databases store; hashing a finer value would not round-trip.
        Instant occurredAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditRows.Drafted drafted = new AuditRows.Drafted(draft, occurredAt);
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            rows.journal(List.of(drafted));
            return;
        }
        pendingJournal().add(drafted);
    }

    private PendingJournal pendingJournal() {
        for (TransactionSynchronization registered : TransactionSynchronizationManager.getSynchronizations()) {
            if (registered instanceof PendingJournal pending) {
                return pending;
            }
        }
        PendingJournal pending = new PendingJournal();
        TransactionSynchronizationManager.registerSynchronization(pending);
        // the entries join the last writes while the transaction commits: those must be ready by then
        commitWrites.prepare();
        return pending;
    }

    /** The journal entries of one transaction not yet written; registered once per transaction. */
    private final class PendingJournal implements TransactionSynchronization {

        private final HeldWrites<AuditRows.Drafted> entries = new HeldWrites<>();

        private boolean committing;

        void add(AuditRows.Drafted drafted) {
            entries.add(drafted);
            if (committing) {
                // recorded by work that runs while the transaction commits: written at once
                flush();
            }
        }

        @Override
        public void flush() {
            if (!entries.isEmpty()) {
                rows.journal(entries.take());
            }
        }

        @Override
        public void savepoint(Object savepoint) {
            entries.savepoint(savepoint);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            entries.savepointRollback(savepoint);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            committing = true;
            if (!entries.isEmpty()) {
                commitWrites.add(rows.journalStatements(entries.take()));
            }
        }

        @Override
        public void afterCommit() {
            sealer.awaitPassAfterNow();
        }

        @Override
        public int getOrder() {
            // after the other steps before commit, in case one of them records an event, but before
            // the last writes, which the entries join; an event recorded later is written at once
            return Ordered.LOWEST_PRECEDENCE - 1;
        }
    }
}
