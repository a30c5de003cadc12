package io.countersign.shared.database;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.stereotype.Component;

/**
 * Runs a database call on a small, bounded pool of its own and waits for it no longer than the
 * configured timeout. A caller (an HTTP request thread) is therefore never held longer than that,
 * however the database fails: refusing connections, exhausting the pool or not answering at all.
 * A call still stuck in the driver keeps only one of these threads, and when all are taken further
 * calls are refused at once instead of queueing without end.
 */
@Component
public class BoundedDatabaseCalls implements DisposableBean {

    private final DatabaseCallProperties properties;
    private final ThreadPoolExecutor executor;

    public BoundedDatabaseCalls(DatabaseCallProperties properties) {
        this.properties = properties;
        AtomicInteger counter = new AtomicInteger();
        int threads = Math.max(1, properties.threads());
        this.executor = new ThreadPoolExecutor(
                threads,
                threads,
                60,
                TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, properties.queue())),
                task -> {
                    Thread thread = new Thread(task, "bounded-db-call-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        this.executor.allowCoreThreadTimeOut(true);
    }

    /**
     * The call's result, or {@link DatabaseUnavailableException} when it did not finish in time, the
     * pool is saturated or the database could not be reached. Other failures pass through unchanged.
     */
    public <T> T call(Callable<T> call) {
        Future<T> future;
        try {
            future = executor.submit(call);
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

    /** True for failures that say the database is out of reach rather than that the call was wrong. */
    public static boolean isUnavailability(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DatabaseUnavailableException
                    || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof QueryTimeoutException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
