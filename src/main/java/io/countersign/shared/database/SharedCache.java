package io.countersign.shared.database;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read from the database and kept in memory on every instance until a change of them commits
 * on any instance (docs/adr/0027). Whoever changes what is cached calls {@link #changed()} inside the
 * changing transaction: when it commits, this instance forgets at once and the others within
 * milliseconds, by {@code LISTEN/NOTIFY} on PostgreSQL. A value older than {@code maxAge} is read
 * again all the same, which bounds how long a notification lost with a broken connection can leave a
 * value stale; each new listening connection forgets everything too.
 *
 * <p>Only for what may be milliseconds old without harm: the caller states why it may be, next to
 * where it creates the cache.
 */
public final class SharedCache<K, V> {

    /** Past this many values the cache starts afresh, so that memory stays bounded. */
    static final int MAX_ENTRIES = 10_000;

    private record Entry<V>(V value, long loadedAt) {}

    private final String channel;
    private final long maxAgeNanos;
    private final DatabaseNotifications notifications;
    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    // bound to the thread while a transaction that changed what is cached runs
    private final Object changing = new Object();
    private long generation;

    SharedCache(String channel, Duration maxAge, DatabaseNotifications notifications) {
        this.channel = channel;
        this.maxAgeNanos = maxAge.toNanos();
        this.notifications = notifications;
        notifications.listen(channel, payload -> forget());
        notifications.onListening(this::forget);
    }

    /**
     * The cached value for {@code key}, read with {@code loader} when missing or too old. A null the
     * loader returns is answered and not kept: the next call reads again.
     */
    public V get(K key, Function<K, V> loader) {
        if (changingHere()) {
            // a transaction that changed the data reads what it has not committed, not what is shared
            return loader.apply(key);
        }
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry != null && now - entry.loadedAt() < maxAgeNanos) {
            return entry.value();
        }
        long before = generation();
        V value = loader.apply(key);
        if (value != null) {
            keep(Map.of(key, value), before, now);
        }
        return value;
    }

    /**
     * The cached values for {@code keys}, those missing or too old read together by one call of
     * {@code loader}, which answers the keys it found. A key it does not answer is not kept.
     */
    public Map<K, V> getAll(Collection<K> keys, Function<List<K>, Map<K, V>> loader) {
        if (changingHere()) {
            return loader.apply(List.copyOf(keys));
        }
        long now = System.nanoTime();
        Map<K, V> found = new HashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            Entry<V> entry = entries.get(key);
            if (entry != null && now - entry.loadedAt() < maxAgeNanos) {
                found.put(key, entry.value());
            } else {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            long before = generation();
            Map<K, V> loaded = loader.apply(missing);
            keep(loaded, before, now);
            found.putAll(loaded);
        }
        return found;
    }

    private synchronized long generation() {
        return generation;
    }

    private synchronized void keep(Map<K, V> loaded, long before, long loadedAt) {
        // a change that committed while these were read makes them too old already
        if (generation != before) {
            return;
        }
        loaded.forEach((key, value) -> {
            if (value != null) {
                if (entries.size() >= MAX_ENTRIES) {
                    entries.clear();
                }
                entries.put(key, new Entry<>(value, loadedAt));
            }
        });
    }

    private boolean changingHere() {
        return TransactionSynchronizationManager.hasResource(changing);
    }

    /**
     * Marks the current transaction as changing what is cached: every instance forgets it when the
     * transaction commits, and this one also when it rolls back.
     */
    public void changed() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            notifications.notifyOnCommit(channel, "");
            forget();
            return;
        }
        if (changingHere()) {
            return;
        }
        TransactionSynchronizationManager.bindResource(changing, Boolean.TRUE);
        notifications.notifyOnCommit(channel, "");
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void suspend() {
                // a transaction started meanwhile marks, and announces, its own changes
                TransactionSynchronizationManager.unbindResourceIfPossible(changing);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(changing, Boolean.TRUE);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(changing);
                forget();
            }
        });
    }

    /** Forgets every value, so that the next use reads it again. */
    public synchronized void forget() {
        generation++;
        entries.clear();
    }
}
