package io.countersign.policy.internal;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The compiled index of the stored policies, rebuilt when {@code policy_revision} moves. The revision
 * is read per use, from memory while that is as fresh as the database ({@link PolicyStore#revision()}):
 * a policy edited through one instance governs the next request planned on any other.
 */
@Component
public class PolicyCatalog {

    private record Snapshot(long revision, PolicyIndex index) {}

    private final PolicyStore store;
    private volatile Snapshot snapshot = new Snapshot(-1, PolicyIndex.empty());

    PolicyCatalog(PolicyStore store) {
        this.store = store;
    }

    public PolicyIndex current() {
        // the revision is read before the policies, so a snapshot is never older than its revision says
        long revision = store.revision();
        Snapshot seen = snapshot;
        if (seen.revision() == revision) {
            return seen.index();
        }
        synchronized (this) {
            seen = snapshot;
            if (seen.revision() != revision) {
                List<CompiledPolicy> compiled =
                        store.all().stream().map(CompiledPolicy::of).toList();
                seen = new Snapshot(revision, PolicyIndex.of(compiled));
                snapshot = seen;
            }
            return seen.index();
        }
    }

    /**
     * Forgets the index once the current transaction ends. A plan made inside a transaction that
     * changes policies sees (and would cache) its uncommitted revision; should that transaction roll
     * back, another change could commit the same revision number with different content.
     */
    public void forgetAfterTransaction() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    snapshot = new Snapshot(-1, PolicyIndex.empty());
                }
            });
        }
    }
}
