package io.countersign.shared.database;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@link SharedCache} that answers only as fresh as a read of the database would: its values are
 * used while {@link NotificationFence#passedRecently()} holds, and read from the database otherwise
 * (always on H2). Every change of what is cached calls {@link #changed()}, which forgets the values on
 * commit and holds the change's acknowledgement as revokes do (docs/adr/0029): whoever learns that
 * the change committed, and asks after that, is answered from after it on every instance.
 *
 * <p>For what the write path reads on every call and what changes seldom, such as delegations and
 * the policies' revision: the cache saves a round trip per call, and a change pays {@link
 * NotificationFence#HOLD} once.
 */
public final class FreshCache<K, V> {

    private final SharedCache<K, V> values;
    private final NotificationFence fence;

    FreshCache(SharedCache<K, V> values, NotificationFence fence) {
        this.values = values;
        this.fence = fence;
    }

    /** The value for {@code key}: from memory while the fence vouches for it, else read with {@code loader}. */
    public V get(K key, Function<K, V> loader) {
        if (fence.vouchesForMemory()) {
            return values.get(key, loader);
        }
        return loader.apply(key);
    }

    /** As {@link #get}, for several keys: those not in memory are read together by one call of {@code loader}. */
    public Map<K, V> getAll(Collection<K> keys, Function<List<K>, Map<K, V>> loader) {
        if (fence.vouchesForMemory()) {
            return values.getAll(keys, loader);
        }
        return loader.apply(List.copyOf(keys));
    }

    /**
     * Marks the current transaction as changing what is cached: every instance forgets it when the
     * transaction commits, and the caller learns of the commit only once no instance answers from
     * before it.
     */
    public void changed() {
        values.changed();
        fence.holdAcknowledgement();
    }
}
