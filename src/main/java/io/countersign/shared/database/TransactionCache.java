package io.countersign.shared.database;

import java.util.HashMap;
import java.util.Map;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What one transaction has already read or written, so that it is not read again within it: a map
 * that lives as long as the current transaction and is forgotten when it ends, when it rolls back to
 * a savepoint, or on {@link #clear}. Each transaction sees its own map, a suspended outer transaction
 * included: the map is bound to the thread while its transaction runs and unbound while it is
 * suspended. Outside a transaction it remembers nothing.
 *
 * <p>Only for what the transaction itself decides: rows it locked or wrote, or rows whose value at
 * any moment of the transaction is as good as at any other. Whoever writes what is cached clears it.
 */
public final class TransactionCache<K, V> {

    private final String name;

    public TransactionCache(String name) {
        this.name = name;
    }

    /** The current transaction's map, empty at first; a throwaway map outside a transaction. */
    public Map<K, V> map() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return new HashMap<>();
        }
        // bound to the thread while its transaction runs: one lookup, where the synchronizations are
        // copied and sorted on every read
        if (TransactionSynchronizationManager.getResource(this) instanceof Held<?, ?> held) {
            @SuppressWarnings("unchecked")
            Map<K, V> map = (Map<K, V>) held.map;
            return map;
        }
        Held<K, V> held = new Held<>(this);
        TransactionSynchronizationManager.registerSynchronization(held);
        TransactionSynchronizationManager.bindResource(this, held);
        return held.map;
    }

    /** Forgets what the current transaction remembered. */
    public void clear() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            map().clear();
        }
    }

    @Override
    public String toString() {
        return "TransactionCache[" + name + "]";
    }

    private static final class Held<K, V> implements TransactionSynchronization {

        private final TransactionCache<K, V> owner;
        private final Map<K, V> map = new HashMap<>();

        Held(TransactionCache<K, V> owner) {
            this.owner = owner;
        }

        @Override
        public void savepointRollback(Object savepoint) {
            // what was written after the savepoint is undone; what was read before it may be too old
            map.clear();
        }

        @Override
        public void suspend() {
            // a transaction started meanwhile has a map of its own
            TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(owner, this);
        }

        @Override
        public void afterCompletion(int status) {
            map.clear();
            TransactionSynchronizationManager.unbindResourceIfPossible(owner);
        }
    }
}
