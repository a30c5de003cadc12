package io.countersign.shared.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

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
 *
 * <p>A caller that may answer from what it saw a little earlier need not wait at all: {@link
 * #passedRecently()} tells whether a fence asked for less than {@link #RECENT} ago has come back, and
 * keeps fences coming while such callers keep asking. That answer is as fresh as one that waited for
 * a fence because every change that could take something away holds its acknowledgement for {@link
 * #HOLD} after it commits ({@link #holdAcknowledgement()}): whoever learns of the change, and starts
 * a check after that, finds a fence asked for after the commit (docs/adr/0029).
 */
@Component
public class NotificationFence {

    /** Fences on their way at once: enough that a caller waits about one round trip, not two. */
    static final int IN_FLIGHT = 4;

    /**
     * How recently the last fence that came back must have been asked for, for {@link #passedRecently()}:
     * longer than nearly every fence's round trip while the database and this instance are busy with
     * writes (on two cores, half came back within 4 ms, 99 % within 50 ms), so that a steady load keeps
     * the view recent instead of making every reader wait for a fence (docs/adr/0029).
     */
    static final Duration RECENT = Duration.ofMillis(60);

    /**
     * How long a change that may take access away holds its acknowledgement after it commits: longer
     * than {@link #RECENT}, with room for clocks that tick at slightly different rates on two hosts.
     */
    public static final Duration HOLD = Duration.ofMillis(65);

    /** How long after the last fence was asked {@link #passedRecently()} asks for the next, without waiting for it. */
    static final Duration REFRESH = Duration.ofMillis(1);

    private static final long RECENT_NANOS = RECENT.toNanos();
    private static final long REFRESH_NANOS = REFRESH.toNanos();
    // when each fence still on its way was asked for, by number; IN_FLIGHT bounds how many there are
    private static final int ASKED_SLOTS = 16;
    private static final String HELD = NotificationFence.class.getName() + ".held";
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
    private final long[] askedAt = new long[ASKED_SLOTS];
    // when the highest fence that came back on the current listening connection was asked for; written
    // under lock, read without it
    private volatile long passedAskedAt;
    private volatile boolean passedAny;
    private volatile long lastAskedAt = System.nanoTime() - REFRESH_NANOS;
    private final Counter held;
    private final Timer roundTrip;

    NotificationFence(
            DatabaseNotifications notifications,
            JdbcClient jdbc,
            BoundedDatabaseCalls calls,
            DatabaseCallProperties properties,
            MeterRegistry meters) {
        this.notifications = notifications;
        this.held = Counter.builder("countersign.access.withdrawals.held")
                .description("Commits of changes that may take access or approval rights away whose acknowledgement"
                        + " was held until no instance could answer from before them")
                .register(meters);
        this.roundTrip = Timer.builder("countersign.database.fence.round.trip")
                .description("From asking for a fence to its return on the listening connection: how old the"
                        + " view is that checks and the write path may answer from")
                .publishPercentileHistogram()
                .register(meters);
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
                ask(mine, System.nanoTime());
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
                ask(mine, System.nanoTime());
                send = true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Whether every notification committed before a moment less than {@link #RECENT} ago has been handed
     * to its handlers here: a fence asked for since then has come back on the connection listening now.
     * Never waits. While callers keep asking, it asks for a new fence every {@link #REFRESH} without
     * waiting for it, so that the answer stays true under a steady load; false after a quiet spell, and
     * then {@link #await()} is the way.
     *
     * <p>A caller may take true as "no change is unseen" only for what changes that take access away
     * protect with {@link #holdAcknowledgement()}; anything that may have been granted since must still
     * be looked for after {@link #await()}.
     */
    public boolean passedRecently() {
        long now = System.nanoTime();
        if (now - lastAskedAt > REFRESH_NANOS) {
            askWithoutWaiting();
        }
        return passedAny && now - passedAskedAt <= RECENT_NANOS;
    }

    /**
     * How long {@link #vouchesForMemory()} waits for a fence after a quiet spell before its caller reads
     * the database instead: the wait costs the round trip the read would, and wakes the listening
     * connection, which then keeps fences coming while callers keep asking.
     */
    static final Duration WAKE = Duration.ofMillis(50);

    /**
     * Whether a cache kept current by notifications, and forgotten by every change that holds its
     * acknowledgement, may answer from memory now: {@link #passedRecently()}, or else a fence that came
     * back within {@link #WAKE}. A fence the bounded calls did not send, because the database answered
     * late (600 ms is the access check's bound, not a timer's or a decision's) or did so a moment ago,
     * vouches for nothing: the caller reads the database instead, within its own limits, and fails only
     * when that read does. False on H2 and while no connection listens.
     */
    public boolean vouchesForMemory() {
        if (passedRecently()) {
            return true;
        }
        try {
            return await(WAKE);
        } catch (DatabaseUnavailableException late) {
            return false;
        }
    }

    private void askWithoutWaiting() {
        if (!available() || !lock.tryLock()) {
            // another caller is asking at this moment
            return;
        }
        try {
            long mine = sent + 1;
            // taken before the offer: the listening thread may send the fence at once
            long now = System.nanoTime();
            // only the listening thread sends without making this caller wait; while it sleeps on its
            // socket, the next caller to await() sends and wakes it
            if (onTheirWay() < IN_FLIGHT && notifications.sendFromListener(channel, mine)) {
                ask(mine, now);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Holds the acknowledgement of the surrounding transaction's commit for {@link #HOLD}: call inside a
     * transaction that may take access away (revokes a grant, ends it sooner, narrows an enforcement
     * point's scope, changes the users a check rests on) or change what a {@link FreshCache} keeps. Its caller learns of the commit only once
     * every instance's {@link #passedRecently()} covers it. Once per transaction; nothing on H2, where
     * every check reads the database.
     */
    public void holdAcknowledgement() {
        if (!notifications.available()
                || !TransactionSynchronizationManager.isSynchronizationActive()
                || TransactionSynchronizationManager.hasResource(HELD)) {
            return;
        }
        TransactionSynchronizationManager.bindResource(HELD, Boolean.TRUE);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public int getOrder() {
                // before whatever else tells of the commit (waiters, other instances)
                return Ordered.HIGHEST_PRECEDENCE;
            }

            @Override
            public void afterCommit() {
                held.increment();
                waitOutHold();
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(HELD);
            }
        });
    }

    /**
     * Waits {@link #HOLD} where checks may answer from a recent view (PostgreSQL), and returns at once
     * elsewhere: for whoever tells others of changes read after they committed, such as the webhook
     * and notification outbox, so that no one hears of a revoke from Countersign before every
     * instance's checks refuse it.
     */
    public void waitOutHold() {
        waitOutHoldSince(System.nanoTime());
    }

    /**
     * As {@link #waitOutHold()} for what was read (so had committed) at {@code readAt}, a {@link
     * System#nanoTime()}: waits only what is left of {@link #HOLD} since then.
     */
    public void waitOutHoldSince(long readAt) {
        if (!notifications.available()) {
            return;
        }
        long until = readAt + HOLD.toNanos();
        for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    /**
     * Under lock: numbers {@code number} as the next fence, asked for at {@code now}, a moment no later
     * than it is sent: its return covers every commit before then.
     */
    private void ask(long number, long now) {
        sent = number;
        askedAt[(int) (number % ASKED_SLOTS)] = now;
        lastAskedAt = now;
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
            // a fence asked for before the connection was lost proves nothing about the one listening now
            if (number > lost && number >= returned) {
                passedAskedAt = askedAt[(int) (number % ASKED_SLOTS)];
                passedAny = true;
                roundTrip.record(System.nanoTime() - passedAskedAt, TimeUnit.NANOSECONDS);
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
            passedAny = false;
            passed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
