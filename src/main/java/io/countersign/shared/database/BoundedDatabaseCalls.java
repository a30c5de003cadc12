package io.countersign.shared.database;

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
import java.util.function.LongSupplier;
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
 * during an outage a gateway's checks are denied at once instead of each waiting out the timeout.
 */
@Component
public class BoundedDatabaseCalls implements DisposableBean {

    private final DatabaseCallProperties properties;
    private final ThreadPoolExecutor executor;
    private final LongSupplier nanoTime;
    // set by a call that found the database out of reach, cleared by one that reached it
    private volatile boolean unreachable;
    private volatile long failedAt;
    private final AtomicBoolean retrying = new AtomicBoolean();
    // the pool's own threads: a call made by a call already bounded runs where it is
    private final ThreadLocal<Boolean> bounding = ThreadLocal.withInitial(() -> false);

    @Autowired
    public BoundedDatabaseCalls(DatabaseCallProperties properties) {
        this(properties, System::nanoTime);
    }

    BoundedDatabaseCalls(DatabaseCallProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
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
            throw new DatabaseUnavailableException("the database could not be reached at the last try");
        }
        try {
            T result = bounded(call);
            // any call that reached the database ends it: one timeout under load refuses little
            if (unreachable) {
                unreachable = false;
            }
            return result;
        } catch (DatabaseUnavailableException e) {
            failedAt = nanoTime.getAsLong();
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
        try {
            future = executor.submit(inLogContext(call));
        } catch (RejectedExecutionException e) {
            throw new DatabaseUnavailableException("too many database calls are waiting", e);
        }
        try {
            return future.get(properties.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DatabaseUnavailableException(
                    "the database did not answer within " + properties.timeout().toMillis() + " ms", e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DatabaseUnavailableException("interrupted while waiting for the database", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
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
