package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
import org.slf4j.MDC;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;

/**
 * Runs a database call on a small, bounded pool of its own and waits for it no longer than the
 * configured timeout. A caller (an HTTP request thread) is therefore never held longer than that,
 * however the database fails: refusing connections, exhausting the pool or not answering at all.
 * A call still stuck in the driver keeps only one of these threads, and when all are taken further
 * calls are refused at once instead of queueing without end.
 *
 * <p>Once a call has found the database out of reach, further calls are refused at once for
 * {@code retry-after}; then one call at a time tries the database again, until one reaches it. So
 * during an outage a gateway's checks are denied at once instead of each waiting out the timeout. A
 * call that only waited for a connection while every connection the pool may open was in use, or for
 * one of these threads, found the service busy ({@link DatabaseBusyException}): it fails alone, and
 * the calls after it try the database as usual.
 */
@Component
public class BoundedDatabaseCalls implements DisposableBean {

    private static final String HIKARI_WAIT = "com.zaxxer.hikari.util.ConcurrentBag";

    private final DatabaseCallProperties properties;
    private final ThreadPoolExecutor executor;
    private final LongSupplier nanoTime;
    private final BooleanSupplier poolExhausted;
    // set by a call that found the database out of reach, cleared by one that reached it
    private volatile boolean unreachable;
    // whether that call got no answer in time rather than a refused connection: what the refusals say
    private volatile boolean unanswered;
    private volatile long failedAt;
    private final AtomicBoolean retrying = new AtomicBoolean();
    // the pool's own threads: a call made by a call already bounded runs where it is
    private final ThreadLocal<Boolean> bounding = ThreadLocal.withInitial(() -> false);

    @Autowired
    BoundedDatabaseCalls(DatabaseCallProperties properties, DataSource dataSource) {
        this(properties, System::nanoTime, exhausted(dataSource));
    }

    public BoundedDatabaseCalls(DatabaseCallProperties properties) {
        this(properties, System::nanoTime);
    }

    BoundedDatabaseCalls(DatabaseCallProperties properties, LongSupplier nanoTime) {
        this(properties, nanoTime, () -> false);
    }

    BoundedDatabaseCalls(DatabaseCallProperties properties, LongSupplier nanoTime, BooleanSupplier poolExhausted) {
        this.properties = properties;
        this.nanoTime = nanoTime;
        this.poolExhausted = poolExhausted;
        AtomicInteger counter = new AtomicInteger();
        int threads = Math.max(1, properties.threads());
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.queue())),
                task -> {
                    Runnable marked = () -> {
                        bounding.set(true);
                        task.run();
                    };
                    Thread thread = new Thread(marked, "bounded-db-call-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The call's result, or {@link DatabaseUnavailableException} when it did not finish in time, the
     * pool is saturated or the database could not be reached, and without trying when it was out of
     * reach at the last try. Other failures pass through unchanged.
     */
    public <T> T call(Callable<T> call) {
        if (bounding.get()) {
            // part of a call that is bounded already, and that this one must not hold up or refuse
            return inline(call);
        }
        boolean retry = unreachable;
        if (retry
                && (nanoTime.getAsLong() - failedAt < properties.retryAfter().toNanos()
                        || !retrying.compareAndSet(false, true))) {
            throw unanswered
                    ? new DatabaseUnansweredException("the database did not answer at the last try")
                    : new DatabaseUnavailableException("the database could not be reached at the last try");
        }
        try {
            T result = bounded(call);
            // any call that reached the database ends it: one timeout under load refuses little
            if (unreachable) {
                unreachable = false;
            }
            return result;
        } catch (DatabaseBusyException e) {
            // the database was not found out of reach: nothing to refuse the next call for
            throw e;
        } catch (DatabaseUnavailableException e) {
            failedAt = nanoTime.getAsLong();
            unanswered = e instanceof DatabaseUnansweredException;
            unreachable = true;
            throw e;
        } finally {
            if (retry) {
                retrying.set(false);
            }
        }
    }

    private static <T> T inline(Callable<T> call) {
        try {
            return call.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T bounded(Callable<T> call) {
        Future<T> future;
        AtomicReference<Thread> runner = new AtomicReference<>();
        try {
            future = executor.submit(inLogContext(() -> {
                runner.set(Thread.currentThread());
                return call.call();
            }));
        } catch (RejectedExecutionException e) {
            throw new DatabaseBusyException("too many database calls are waiting", e);
        }
        try {
            return future.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // looked at before the cancel frees the thread, which would leave the wait
            boolean busy = waitedForAConnection(runner.get());
            future.cancel(true);
            if (busy) {
                throw new DatabaseBusyException(
                        "every connection is in use: none was free within "
                                + properties.timeout().toMillis() + " ms",
                        e);
            }
            throw new DatabaseUnansweredException(
                    "the database did not answer within " + properties.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (isBusy(cause)) {
                throw new DatabaseBusyException("every connection is in use", cause);
            }
            if (isUnavailability(cause)) {
                throw new DatabaseUnavailableException("the database cannot be reached", cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** The call with the caller's log context, so that what it logs (a refused sign-in) names the caller's call. */
    private static <T> Callable<T> inLogContext(Callable<T> call) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        if (context == null) {
            return call;
        }
        return () -> {
            MDC.setContextMap(context);
            try {
                return call.call();
            } finally {
                MDC.clear();
            }
        };
    }

    /**
     * Whether a call that ran out of time spent it waiting for a connection, or for a thread, while
     * every connection the pool may open was lent to other calls. A call that had its connection and
     * got no answer met a database that does not answer.
     */
    private boolean waitedForAConnection(Thread runner) {
        if (runner == null) {
            // still queued: behind calls that hold every thread, this one never asked the database
            return executor.getActiveCount() >= executor.getMaximumPoolSize();
        }
        if (!poolExhausted.getAsBoolean()) {
            return false;
        }
        // waiting in the pool's bag, not checking a connection taken from it: a check that does not
        // answer is the database not answering
        for (StackTraceElement frame : runner.getStackTrace()) {
            if (frame.getClassName().equals(HIKARI_WAIT)
                    && frame.getMethodName().equals("borrow")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether every connection the pool may open is open and in use, so that a call waits for another
     * to give one back; never for a pool that is not HikariCP's.
     */
    static BooleanSupplier exhausted(DataSource dataSource) {
        HikariDataSource pool;
        try {
            if (dataSource == null || !dataSource.isWrapperFor(HikariDataSource.class)) {
                return () -> false;
            }
            pool = dataSource.unwrap(HikariDataSource.class);
        } catch (SQLException e) {
            return () -> false;
        }
        return () -> {
            HikariPoolMXBean state = pool.getHikariPoolMXBean();
            return state != null
                    && state.getIdleConnections() == 0
                    && state.getTotalConnections() >= pool.getMaximumPoolSize();
        };
    }

    /**
     * True for HikariCP's answer that no connection became free in time when no attempt to open one had
     * failed (it names such a failure as its cause): the pool is busy, and the database may be fine.
     */
    public static boolean isBusy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseBusyException) {
                return true;
            }
            if (t instanceof java.sql.SQLTransientConnectionException timedOut) {
                return timedOut.getCause() == null && timedOut.getSQLState() == null;
            }
        }
        return false;
    }

    /**
     * True for an unavailability in which the database did not answer in time (a bounded call's wait, a
     * statement's timeout) rather than refused the connection: a database slow under load looks like
     * this too, so it is not to be called out of reach. A busy pool is {@link #isBusy} instead.
     */
    public static boolean isUnanswered(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnansweredException
                    || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof QueryTimeoutException
                    || t instanceof java.sql.SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** True for failures that say the database is out of reach rather than that the call was wrong. */
    public static boolean isUnavailability(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || (t instanceof java.sql.SQLException sql && isConnectionState(sql.getSQLState()))) {
                return true;
            }
            // a rollback that failed on the connection the failure had broken ("Connection is closed",
            // with no state) names the failure only as the one it was rolling back for
            if (t instanceof TransactionSystemException rollback
                    && rollback.getApplicationException() != null
                    && isUnavailability(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    /**
     * SQLSTATE class 08 (connection exception) and the server's shutting down or starting up (57P01 to
     * 57P03): what drivers raise without a subclass of their own when the connection failed or was cut.
     */
    private static boolean isConnectionState(String state) {
        return state != null
                && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
