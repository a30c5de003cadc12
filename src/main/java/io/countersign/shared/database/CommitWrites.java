package io.countersign.shared.database;

import java.util.ArrayList;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes that a transaction makes just before it commits, all in one round trip with the commit itself
 * ({@link Pipeline#runAndCommit}):
 * for rows nothing in the transaction reads back, such as the outbox's deliveries, the audit journal's
 * entries and the notifications sent on commit. They are written before the commit, so a write that
 * fails rolls the whole transaction back, as it would have when made at once. A savepoint rolled back
 * takes back what was added since it was set. Outside a transaction, and once the transaction has
 * written them (by work that runs while it commits), writes are made at once. A read that must see
 * them goes with them ({@link #runAfterHeld}).
 */
@Component
public class CommitWrites {

    private final Pipeline pipeline;
    // bound to the thread while a transaction holds pending writes
    private final Object key = new Object();

    CommitWrites(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /**
     * Writes the statements just before the current transaction commits, or at once outside one. Work
     * that adds while the transaction commits (a step before commit of its own) must have called
     * {@link #prepare()} while the transaction ran: Spring runs only the steps registered before
     * committing began.
     */
    public void add(List<Pipelined<?>> statements) {
        if (statements.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            pipeline.run(statements);
            return;
        }
        Pending pending = pending();
        if (pending.written) {
            pipeline.run(statements);
        } else {
            pending.statements.addAll(statements);
        }
    }

    /**
     * Runs the writes the current transaction holds so far, then these statements, in one round trip:
     * for a read that must see what the transaction changed, such as a row it locks and may have
     * written already.
     */
    public void runAfterHeld(List<Pipelined<?>> statements) {
        Pending pending = TransactionSynchronizationManager.isSynchronizationActive()
                ? (Pending) TransactionSynchronizationManager.getResource(key)
                : null;
        if (pending == null || pending.statements.isEmpty()) {
            pipeline.run(statements);
            return;
        }
        List<Pipelined<?>> all = new ArrayList<>(pending.statements.take());
        all.addAll(statements);
        pipeline.run(all);
    }

    /** Makes sure the current transaction, if any, writes what is added here before it commits. */
    public void prepare() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            pending();
        }
    }

    private Pending pending() {
        Pending pending = (Pending) TransactionSynchronizationManager.getResource(key);
        if (pending == null) {
            pending = new Pending();
            TransactionSynchronizationManager.bindResource(key, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        return pending;
    }

    private final class Pending implements TransactionSynchronization {

        private final HeldWrites<Pipelined<?>> statements = new HeldWrites<>();

        private boolean written;

        @Override
        public void savepoint(Object savepoint) {
            statements.savepoint(savepoint);
        }

        @Override
        public void savepointRollback(Object savepoint) {
            statements.savepointRollback(savepoint);
        }

        @Override
        public void suspend() {
            // a transaction started meanwhile holds its own writes
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(key, this);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            written = true;
            if (statements.isEmpty()) {
                return;
            }
            if (TransactionSynchronizationManager.isActualTransactionActive() && !readOnly) {
                // the last step before the commit: the commit goes with the writes, and the
                // transaction manager's commit that follows sends nothing
                pipeline.runAndCommit(statements.take());
            } else {
                pipeline.run(statements.take());
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            if (status == STATUS_COMMITTED && !statements.isEmpty()) {
                // added while committing without prepare(): a defect, never to pass unnoticed
                throw new IllegalStateException(statements.size() + " writes were added after the transaction wrote"
                        + " its last writes and are lost; call prepare() while the transaction runs");
            }
        }

        @Override
        public int getOrder() {
            // after every other step before commit, the audit journal's included, which adds its
            // entries here when it runs
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
