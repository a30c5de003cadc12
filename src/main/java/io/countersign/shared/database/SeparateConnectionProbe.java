package io.countersign.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Asks the database one trivial query on a connection apart from the request pool, waiting no longer
 * than the bounded-call timeout. A caller that found every pooled connection lent out learns from it
 * whether the database still answers: the pool's wait alone looks the same when the database is gone
 * and the lent connections hang on it. Its one connection is opened on first use, so an instance whose
 * pool is never exhausted never holds it.
 */
@Component
class SeparateConnectionProbe implements DisposableBean {

    static final String POOL_NAME = "readiness";

    private final DedicatedPools pools;
    private final long timeoutMillis;
    // one thread and no queue: while a query stuck on a silent network holds it, the next is refused
    private final ThreadPoolExecutor executor;
    private volatile HikariDataSource pool;

    SeparateConnectionProbe(DedicatedPools pools, DatabaseCallProperties properties) {
        this.pools = pools;
        this.timeoutMillis = properties.timeout().toMillis();
        this.executor = new ThreadPoolExecutor(0, 1, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "readiness-db-probe");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Empty when the database answered in time, otherwise why it did not. */
    Optional<String> failure() {
        Future<Boolean> answer;
        try {
            answer = executor.submit(this::select);
        } catch (RejectedExecutionException e) {
            return Optional.of("the previous query on a connection of its own has not answered yet");
        }
        try {
            answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            answer.cancel(true);
            return Optional.of(
                    "the database did not answer on a connection of its own within " + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while waiting for the database");
        } catch (ExecutionException e) {
            return Optional.of("the database cannot be reached on a connection of its own either");
        }
    }

    private boolean select() throws SQLException {
        try (Connection connection = pool().getConnection();
                Statement statement = connection.createStatement()) {
            return statement.execute("select 1");
        }
    }

    private HikariDataSource pool() {
        if (pool == null) {
            HikariDataSource created = pools.create(POOL_NAME, 1);
            // a refused connection is retried no longer than the caller waits
            created.setConnectionTimeout(Math.max(250, timeoutMillis));
            pool = created;
        }
        return pool;
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
        if (pool != null) {
            pool.close();
        }
    }
}
