package io.countersign.shared.database;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells a caller when every notification committed before it asked has reached this instance's
 * handlers, so that a cache kept current by notifications may answer as if it read the database.
 *
 * <p>A fence is a notification of its own, sent on a channel only this instance listens on. PostgreSQL
 * queues a transaction's notifications before it commits and a listener reads the queue in order,
 * so when the fence sent after the caller asked comes back, every notification of a transaction
 * that committed before the caller asked has been handed to the handlers before it.
 *
 * <p>Callers share fences like a group commit: every caller who arrives waits for the next fence
 * sent after it arrived, and a new one is sent at once unless {@value #IN_FLIGHT} are already on
 * their way. While fences keep coming, the listening connection sends them itself and they come back
 * in one round trip ({@link ListenerSends}); otherwise a pooled connection sends them.
 */
@Component
public class NotificationFence {

    /** Fences on their way at once: enough that a caller waits about one round trip, not two. */
    static final int IN_FLIGHT = 4;

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    private final DatabaseNotifications notifications;
    private final JdbcClient jdbc;
    private final BoundedDatabaseCalls calls;
    private final Duration timeout;
    private final String channel;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition passed = lock.newCondition();
    // guarded by lock: the number of the last fence sent, the highest that came back, and the last
    // sent before the listening connection was lost (those never come back)
    private long sent;
    private long returned;
    private long lost;

    NotificationFence(
            DatabaseNotifications notifications,
            JdbcClient jdbc,
            BoundedDatabaseCalls calls,
            DatabaseCallProperties properties) {
        this.notifications = notifications;
        this.timeout = properties.timeout();
        this.jdbc = jdbc;
        this.calls = calls;
        this.channel = "fence_" + randomLetters(20);
        notifications.listen(channel, this::returned);
        notifications.onListeningLost(this::abandon);
    }

    private static String randomLetters(int length) {
        SecureRandom random = new SecureRandom();
        StringBuilder letters = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            letters.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return letters.toString();
    }

    /** Whether fences can pass here at all: on PostgreSQL while a connection listens. */
    public boolean available() {
        return notifications.available() && notifications.listening();
    }

    /** {@link #await(Duration)} within the deadline of a bounded database call. */
    public boolean await() {
        return await(timeout);
    }

    /**
     * Waits until every notification committed before this call has been handed to its handlers on
     * this instance. False, and the caller must read the database, when that cannot be known within
     * {@code timeout}: on H2, while no connection listens, or when the fence was lost on the way.
     *
     * @throws DatabaseUnavailableException when the database does not take the fence within the
     *     bounded call's deadline
     */
    public boolean await(Duration timeout) {
        if (!available()) {
            return false;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        long mine;
        boolean send = false;
        lock.lock();
        try {
            // a fence already on its way may have been sent before this call: only a later one counts
            mine = sent + 1;
            if (onTheirWay() < IN_FLIGHT) {
                sent = mine;
                send = true;
            }
        } finally {
            lock.unlock();
        }
        while (true) {
            if (send) {
                send(mine);
            }
            lock.lock();
            try {
                // fences may come back out of order; any numbered from mine on was sent after this call
                while (returned < mine && mine > lost && (sent >= mine || onTheirWay() >= IN_FLIGHT)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        // what has not come back by now is taken as lost, so that later callers send
                        // anew rather than wait behind fences that may never return
                        lost = Math.max(lost, sent);
                        return false;
                    }
                    passed.awaitNanos(left);
                }
                if (returned >= mine) {
                    return true;
                }
                if (mine <= lost) {
                    // the fence this call waited for was abandoned: the connection was lost
                    return false;
                }
                // no fence has been sent since this call arrived, and there is room for one
                sent = mine;
                send = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    private long onTheirWay() {
        return sent - Math.max(returned, lost);
    }

    private void send(long number) {
        if (notifications.sendFromListener(channel, number)) {
            return;
        }
        try {
            // bounded: a database out of reach costs the caller a second, never a held thread
            calls.call(() -> jdbc.sql("select pg_notify(?, ?)")
                    .params(channel, Long.toString(number))
                    .query((rs, row) -> 1)
                    .list());
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
    }

    private void returned(String payload) {
        long number = Long.parseLong(payload);
        lock.lock();
        try {
            if (number > returned) {
                returned = number;
            }
            passed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The fence on its way will not come back: its waiters read the database, and the next caller sends anew. */
    private void abandon() {
        lock.lock();
        try {
            lost = sent;
            passed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
