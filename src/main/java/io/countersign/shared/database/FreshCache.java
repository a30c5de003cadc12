package io.countersign.shared.database;

import java.time.Duration;
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

    /**
     * How long a caller waits for a fence after a quiet spell before it reads the database instead: the
     * wait costs the round trip the read would, and wakes the listening connection, which then keeps
     * fences coming while callers keep asking.
     */
    static final Duration WAKE = Duration.ofMillis(50);

    /** The value for {@code key}: from memory while the fence vouches for it, else read with {@code loader}. */
    public V get(K key, Function<K, V> loader) {
        if (vouched()) {
            return values.get(key, loader);
        }
        return loader.apply(key);
    }

    /** As {@link #get}, for several keys: those not in memory are read together by one call of {@code loader}. */
    public Map<K, V> getAll(Collection<K> keys, Function<List<K>, Map<K, V>> loader) {
        if (vouched()) {
            return values.getAll(keys, loader);
        }
        return loader.apply(List.copyOf(keys));
    }

    /**
     * Whether the fence vouches for what is kept. A fence the bounded calls did not send, because the
     * database answered late (600 ms is the access check's bound, not a timer's or a decision's) or
     * did so a moment ago, vouches for nothing: the caller reads the database instead, within its own
     * limits, and fails only when that read does.
     */
    private boolean vouched() {
        if (fence.passedRecently()) {
            return true;
        }
        try {
            return fence.await(WAKE);
        } catch (DatabaseUnavailableException late) {
            return false;
        }
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
