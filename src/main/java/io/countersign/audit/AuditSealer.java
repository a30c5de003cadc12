package io.countersign.audit;

import com.zaxxer.hikari.HikariDataSource;
import io.countersign.shared.database.DedicatedPools;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Links committed journal entries into the hash chain, in sequence order, on a thread and a
 * connection of its own. Every instance runs one; the {@code select … for update} of the chain head
 * lets only one of them seal at a time, and a sealer that waited for it reads the journal afresh, so
 * an entry is never chained twice (and if it were, removing its journal entry would fail and undo the
 * pass). Entries are sealed in batches: when many changes commit together, one pass chains them all.
 *
 * <p>A pass runs when a change on this instance commits, at most one every {@link #PACE} for those, so
 * that a busy instance chains many entries a pass rather than a few; at once when someone is about to
 * read the log ({@link #awaitSealedForReading}), who waits for it; and otherwise every {@code
 * countersign.audit.seal-interval}, which picks up entries of instances that stopped before sealing
 * them. A change's thread waits for its pass only when {@code countersign.audit.seal-wait} says so.
 *
 * <p>On PostgreSQL a pass may not hold the head long ({@link ChainHeadHold}): if this instance is paused
 * in the middle of one, the database ends its transaction, another instance's sealer goes on, and this
 * one, once it resumes, finds its pass rolled back and its connection gone, and seals on with a new one.
 */
@Component
class AuditSealer implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditSealer.class);

    /** The least time between the starts of two passes that only changes asked for. */
    static final Duration PACE = Duration.ofMillis(20);

    /** How long a reader of the log waits for the pass it asked for before reading anyway. */
    private static final Duration READ_WAIT = Duration.ofSeconds(2);

    private final HikariDataSource pool;
    private final AuditRows rows;
    private final JdbcClient jdbc;
    private final boolean postgres;
    private final DataSourceTransactionManager transactions;
    private final int batchSize;
    private final Duration interval;
    private final Duration wait;
    private final Clock clock;
    private final Timer lag;

    // two conditions, so that an ask wakes only the sealer and a pass's end only the changes waiting
    // for it: with one monitor, every ask woke every waiting change's thread for nothing
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition askedFor = lock.newCondition();
    private final Condition passFinished = lock.newCondition();
    /** Passes asked for and passes finished, counted so that a waiter knows when a pass that started after it ended. */
    private long asked;

    private long finished;
    /** A reader asked for a pass that has not started yet: it starts without waiting out the pace. */
    private boolean readerWaiting;
    /** The sealer waits out the pace: a change's ask need not wake it. */
    private boolean pacing;

    private volatile Thread thread;

    AuditSealer(DedicatedPools pools, AuditProperties properties, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.lag = Timer.builder("countersign.audit.sealing.lag")
                .description("From an audit event's time to its sealing into the hash chain")
                .publishPercentileHistogram()
                .register(meters);
        this.pool = pools.createForQueue("audit-sealer", 1);
        this.rows = new AuditRows(pool);
        this.jdbc = JdbcClient.create(pool);
        this.postgres = pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:");
        this.transactions = new DataSourceTransactionManager(pool);
        this.batchSize = properties.sealBatchSize();
        this.interval = properties.sealInterval();
        this.wait = properties.sealWait();
    }

    /**
     * Chains every entry committed before the call, a batch per transaction, and returns how many it
     * chained (entries another sealer chained meanwhile are not counted).
     */
    int sealCommitted() {
        int total = 0;
        while (true) {
            List<JournalEntry> sealed = sealBatchAlone();
            Instant now = clock.instant();
            // an event written on an instance whose clock runs ahead would give a negative lag
            sealed.forEach(entry -> lag.record(max(Duration.between(entry.occurredAt(), now), Duration.ZERO)));
            total += sealed.size();
            if (sealed.size() < batchSize) {
                return total;
            }
        }
    }

    /**
     * Seals one batch in a transaction of its own. A pass whose transaction the database ended (this
     * instance was paused past {@link ChainHeadHold#IDLE}) cannot be rolled back either; that second
     * failure says nothing new, so it is kept with the first, which the caller logs once, rather than
     * logged on its own with a stack trace that would repeat the batch's values.
     */
    private List<JournalEntry> sealBatchAlone() {
        TransactionStatus status = transactions.getTransaction(new DefaultTransactionDefinition());
        List<JournalEntry> sealed;
        try {
            sealed = sealBatch();
        } catch (RuntimeException | Error failure) {
            try {
                transactions.rollback(status);
            } catch (TransactionException rollback) {
                failure.addSuppressed(rollback);
            }
            throw failure;
        }
        transactions.commit(status);
        return sealed;
    }

    /** Seals one batch in the caller's transaction and returns the entries it chained. */
    private List<JournalEntry> sealBatch() {
        // Before the head is locked: were this instance paused holding it, every instance's sealing would stop.
        ChainHeadHold.limit(jdbc, postgres);
        // Taken before reading the journal: a sealer that waited here sees what the previous one removed.
        ChainHead head = rows.lockHead();
        List<JournalEntry> entries = rows.unsealed(batchSize);
        if (entries.isEmpty()) {
            return entries;
        }
        List<AuditRecord> events = new ArrayList<>(entries.size());
        List<Long> seqs = new ArrayList<>(entries.size());
        long lastId = head.lastId();
        String lastHash = head.lastHash();
        for (JournalEntry entry : entries) {
            AuditRecord event = entry.draft().after(lastId, lastHash, entry.occurredAt());
            events.add(event);
            seqs.add(entry.seq());
            lastId = event.id();
            lastHash = event.hash();
        }
        rows.seal(events, seqs);
        return entries;
    }

    /**
     * Asks for a pass and waits until one that started after this call has finished, or until the
     * configured wait has passed: a change's thread calls it after commit, so that its audit record is
     * in the chain when the change's call returns if {@code countersign.audit.seal-wait} is set, and
     * otherwise only asks. Returns at once while the sealer is stopped.
     */
    void awaitPassAfterNow() {
        awaitPass(wait, false);
    }

    /**
     * Asks for a pass at once and waits until one that started after this call has finished (two
     * seconds at most): whoever reads the log calls it first, so that every change committed before
     * the read, on any instance, is in the chain it reads. Returns at once while the sealer is stopped.
     */
    void awaitSealedForReading() {
        awaitPass(READ_WAIT, true);
    }

    private void awaitPass(Duration bound, boolean reader) {
        long left = bound.toNanos();
        lock.lock();
        try {
            if (thread == null) {
                return;
            }
            long mine = ++asked;
            if (reader) {
                readerWaiting = true;
            }
            if (reader || !pacing) {
                askedFor.signal();
            }
            while (finished < mine && left > 0 && thread != null) {
                left = passFinished.awaitNanos(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        long lastStart = System.nanoTime() - PACE.toNanos();
        while (thread == Thread.currentThread()) {
            long starting;
            lock.lock();
            try {
                if (asked == finished) {
                    askedFor.await(interval.toNanos(), TimeUnit.NANOSECONDS);
                }
                paceAfter(lastStart);
                starting = asked;
                readerWaiting = false;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            lastStart = System.nanoTime();
            boolean failed = false;
            try {
                sealCommitted();
            } catch (RuntimeException e) {
                // Nothing is lost: the entries stay in the journal for the next pass. Waiters are released
                // below, since they only wait to read their own records and their changes committed.
                // the innermost cause says why (the database is down, it ended the pass's transaction);
                // the outer ones may quote the batch's statement with the events' values
                log.warn(
                        "Sealing the audit journal failed; retrying in {}: {}",
                        interval,
                        innermost(e).toString());
                failed = true;
            }
            lock.lock();
            try {
                finished = Math.max(finished, starting);
                passFinished.signalAll();
                if (failed && thread == Thread.currentThread()) {
                    askedFor.await(interval.toNanos(), TimeUnit.NANOSECONDS);
                }
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
        }
    }

    private static Duration max(Duration one, Duration other) {
        return one.compareTo(other) >= 0 ? one : other;
    }

    /** The innermost cause, looking a bounded depth deep so that a cycle of causes cannot hold the sealer. */
    private static Throwable innermost(Throwable failure) {
        Throwable deepest = failure;
        for (int depth = 0; depth < 32 && deepest.getCause() != null; depth++) {
            deepest = deepest.getCause();
        }
        return deepest;
    }

    /** Called holding the lock: waits until {@link #PACE} after the last pass started, unless a reader asks. */
    private void paceAfter(long lastStart) throws InterruptedException {
        pacing = true;
        try {
            long left = lastStart + PACE.toNanos() - System.nanoTime();
            while (left > 0 && !readerWaiting && thread == Thread.currentThread()) {
                left = askedFor.awaitNanos(left);
            }
        } finally {
            pacing = false;
        }
    }

    @Override
    public void start() {
        lock.lock();
        try {
            if (thread != null) {
                return;
            }
            thread = new Thread(this::run, "audit-sealer");
            thread.setDaemon(true);
            thread.start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void stop() {
        Thread stopping;
        lock.lock();
        try {
            stopping = thread;
            thread = null;
            askedFor.signalAll();
            passFinished.signalAll();
        } finally {
            lock.unlock();
        }
        if (stopping != null) {
            // not interrupted: the signals above end its waits, and a pass interrupted in the middle
            // would fail and leave the instance's last changes to another instance's sealer
            try {
                stopping.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    /** Starts before and stops after the web server, so that changes it serves while stopping are sealed. */
    @Override
    public int getPhase() {
        return 0;
    }

    @Override
    public void destroy() {
        stop();
        pool.close();
    }
}
