package io.countersign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.shared.database.DatabaseProduct;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Puts two writers in a chosen order on PostgreSQL, or on H2 when built with its {@link DatabaseProduct}:
 * the first writes in a transaction held open until
 * the second, started meanwhile, is seen waiting behind its locks; then the first commits. Close it
 * after the test.
 */
public final class HeldWrites implements AutoCloseable {

    /** The sessions waiting, directly or behind another waiter, for the locks {@code pid} holds. */
    private static final String WAITING_BEHIND = """
            with recursive blocked(pid) as (
                select pid from pg_stat_activity where ? = any(pg_blocking_pids(pid))
                union
                select a.pid from pg_stat_activity a join blocked b on b.pid = any(pg_blocking_pids(a.pid)))
            select count(*) from blocked""";

    /** On H2: the sessions waiting for a lock that {@code pid} holds. */
    private static final String WAITING_BEHIND_ON_H2 =
            "select count(*) from information_schema.sessions where blocker_id = ?";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final boolean postgres;

    public HeldWrites(JdbcClient jdbc, TransactionTemplate transactions) {
        this(jdbc, transactions, true);
    }

    public HeldWrites(JdbcClient jdbc, TransactionTemplate transactions, DatabaseProduct product) {
        this(jdbc, transactions, product.postgres());
    }

    private HeldWrites(JdbcClient jdbc, TransactionTemplate transactions, boolean postgres) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.postgres = postgres;
    }

    /** Runs {@code first}, then {@code second} once it waits for {@code first}; answers what {@code second} answered. */
    public <T> T firstThenSecond(Runnable first, Callable<T> second) throws Exception {
        return firstThenSecond(first, () -> {}, second);
    }

    /**
     * As {@link #firstThenSecond(Runnable, Callable)}, with {@code thenFirst} run in the first's
     * transaction after the second is seen waiting, before the first commits.
     */
    public <T> T firstThenSecond(Runnable first, Runnable thenFirst, Callable<T> second) throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch secondWaits = new CountDownLatch(1);
        AtomicInteger pid = new AtomicInteger();
        Future<?> firstDone = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            first.run();
            pid.set(jdbc.sql(postgres ? "select pg_backend_pid()" : "select session_id()")
                    .query(Integer.class)
                    .single());
            written.countDown();
            awaitQuietly(secondWaits);
            thenFirst.run();
        }));
        written.await();
        Future<T> secondAnswer = threads.submit(second);
        // done without waiting is a failure the assertion tells, rather than a minute's timeout
        await().atMost(Duration.ofSeconds(60))
                .until(() -> secondAnswer.isDone()
                        || jdbc.sql(postgres ? WAITING_BEHIND : WAITING_BEHIND_ON_H2)
                                        .param(pid.get())
                                        .query(Long.class)
                                        .single()
                                >= 1);
        assertThat(secondAnswer).as("the second writer waits for the first").isNotDone();
        secondWaits.countDown();
        firstDone.get();
        return secondAnswer.get();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
