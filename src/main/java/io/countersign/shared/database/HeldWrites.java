package io.countersign.shared.database;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a transaction holds to write later, in the order it was added, kept in step with its
 * savepoints: a savepoint rolled back takes back what was added since it was set, as the database
 * takes back what was written since. For a {@code TransactionSynchronization} to call from its
 * savepoint callbacks; not thread-safe, like the transaction it belongs to.
 */
public final class HeldWrites<T> {

    private final List<T> held = new ArrayList<>();
    /** For each savepoint set while this transaction held writes, how many it held then. */
    private final Map<Object, Integer> heldSince = new IdentityHashMap<>();

    public void add(T write) {
        held.add(write);
    }

    public void addAll(List<? extends T> writes) {
        held.addAll(writes);
    }

    public boolean isEmpty() {
        return held.isEmpty();
    }

    public int size() {
        return held.size();
    }

    public void savepoint(Object savepoint) {
        heldSince.put(savepoint, held.size());
    }

    public void savepointRollback(Object savepoint) {
        // a savepoint set before this transaction held anything undoes everything held
        int kept = heldSince.getOrDefault(savepoint, 0);
        held.subList(Math.min(kept, held.size()), held.size()).clear();
    }

    /**
     * Everything held, in order, for the caller to write now; nothing is held afterwards. What is
     * written is the database's to undo from then on, so every savepoint set so far keeps nothing.
     */
    public List<T> take() {
        List<T> taken = List.copyOf(held);
        held.clear();
        heldSince.replaceAll((savepoint, count) -> 0);
        return taken;
    }
}
