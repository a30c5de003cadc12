package io.countersign.shared.database;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Numbered payloads (fences) the listening thread sends from its own connection, and whether it is awake to send them.
 *
 * <p>A payload sent on a channel the sending connection listens on comes back on that connection in
 * the same round trip, after every payload queued before it: PostgreSQL hands a backend its own
 * notifications, and everything ahead of them in the queue, before it reports itself ready for the
 * next query. A fence sent this way costs one round trip, with no other backend or thread to wake.
 *
 * <p>The listening thread is awake (it waits here, not on its socket) for a second after the last
 * payload was asked of it, and reads what arrived meanwhile every few milliseconds. While it is
 * blocked on its socket, {@link #offer} refuses, and the caller sends from a pooled connection as
 * before: that payload wakes the thread, which then stays awake while payloads keep coming.
 */
final class ListenerSends {

    /** How long the listening thread stays awake after the last payload asked of it. */
    static final Duration AWAKE = Duration.ofSeconds(1);

    /** How long it waits, while awake, before it reads what other instances sent meanwhile. */
    static final Duration READ_EVERY = Duration.ofMillis(5);

    /**
     * How long after one fence the next is held, gathering the checks that arrive meanwhile. Sent
     * back to back, fences cost the database a commit for every check or two (11,000/s under 32
     * connections); held 0.5 ms, a check waits at most that long more, and one fence serves every
     * check that arrived in that time. On a 2-core machine that answered 20 % more checks; 1 ms
     * answered fewer (BENCHMARKS.md).
     */
    static final Duration GATHER = Duration.ofNanos(500_000);

    private static final long GATHER_NANOS = GATHER.toNanos();

    private final long awakeNanos;
    private final long readEveryNanos;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition asked = lock.newCondition();
    // guarded by lock: the highest number asked for each channel, when the last was asked and the
    // last sent, and whether the listening thread waits here (true) or on its socket (false)
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private long lastAsked;
    private long lastSent;
    private boolean awake;

    ListenerSends() {
        this(AWAKE, READ_EVERY);
    }

    ListenerSends(Duration awake, Duration readEvery) {
        this.awakeNanos = awake.toNanos();
        this.readEveryNanos = readEvery.toNanos();
        this.lastAsked = System.nanoTime() - awakeNanos;
        this.lastSent = System.nanoTime() - GATHER_NANOS;
    }

    /**
     * Queues {@code number} on {@code channel} for the listening thread. Numbers on a channel count
     * up, and the one sent comes back after every lower one would have, so only the highest not yet
     * sent is kept: callers may offer out of order. False, and nothing is queued, while the thread is
     * blocked on its socket.
     */
    boolean offer(String channel, long number) {
        lock.lock();
        try {
            lastAsked = System.nanoTime();
            if (!awake) {
                return false;
            }
            pending.merge(channel, number, Math::max);
            asked.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the listening thread: the payloads to send now (empty: send none, read what arrived), or
     * null when nothing was asked for a while and it should wait on its socket instead.
     */
    Map<String, Long> next() throws InterruptedException {
        lock.lock();
        try {
            while (pending.isEmpty()) {
                if (System.nanoTime() - lastAsked >= awakeNanos) {
                    awake = false;
                    return null;
                }
                awake = true;
                if (!asked.await(readEveryNanos, TimeUnit.NANOSECONDS)) {
                    return Map.of();
                }
            }
            // one asked for within GATHER of the last waits out the rest, and serves every check
            // that arrives meanwhile
            for (long left = lastSent + GATHER_NANOS - System.nanoTime(); left > 0; ) {
                left = asked.awaitNanos(left);
            }
            Map<String, Long> batch = new LinkedHashMap<>(pending);
            pending.clear();
            lastSent = System.nanoTime();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    /** The listening connection is gone: what was queued will not be sent, and callers send as before. */
    void reset() {
        lock.lock();
        try {
            pending.clear();
            awake = false;
        } finally {
            lock.unlock();
        }
    }
}
