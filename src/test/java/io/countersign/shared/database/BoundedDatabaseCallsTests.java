package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class BoundedDatabaseCallsTests {

    final CountDownLatch released = new CountDownLatch(1);
    final AtomicLong nanos = new AtomicLong();
    final BoundedDatabaseCalls calls = new BoundedDatabaseCalls(
            new DatabaseCallProperties(Duration.ofMillis(200), 1, 1, Duration.ofSeconds(1)), nanos::get);

    @AfterEach
    void release() {
        released.countDown();
        calls.destroy();
    }

    @Test
    void aCallThatAnswersGivesItsResult() {
        assertThat(calls.call(() -> 42)).isEqualTo(42);
    }

    @Test
    void aCallThatDoesNotAnswerInTimeIsReportedAsAnUnavailableDatabase() {
        assertThatThrownBy(() -> calls.call(this::blockUntilReleased))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("did not answer within 200 ms");
    }

    @Test
    void whenEveryThreadAndQueuePlaceIsTakenTheNextCallIsRefusedAtOnce() {
        // blocked calls that timed out would mark the database out of reach and hide the refusal looked for
        BoundedDatabaseCalls patient = new BoundedDatabaseCalls(
                new DatabaseCallProperties(Duration.ofMinutes(1), 1, 1, Duration.ofSeconds(1)), nanos::get);
        try {
            CompletableFuture.runAsync(() -> swallow(() -> patient.call(this::blockUntilReleased)));
            CompletableFuture.runAsync(() -> swallow(() -> patient.call(this::blockUntilReleased)));
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThatThrownBy(() -> patient.call(() -> 1))
                            .isInstanceOf(DatabaseUnavailableException.class)
                            .hasMessageContaining("too many"));
        } finally {
            released.countDown();
            patient.destroy();
        }
    }

    @Test
    void aDatabaseOutOfReachIsReportedAsUnavailableAndOtherFailuresPassThrough() {
        assertThatThrownBy(() -> calls.call(() -> {
                    throw new CannotGetJdbcConnectionException("refused");
                }))
                .isInstanceOf(DatabaseUnavailableException.class);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThatThrownBy(() -> calls.call(() -> {
                    throw new DataIntegrityViolationException("duplicate");
                }))
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aDriverExceptionForALostOrRefusedConnectionIsAnUnavailabilityAndOtherStatesAreNot() {
        // what db-scheduler, which calls the driver without Spring's translation, rethrows
        assertThat(BoundedDatabaseCalls.isUnavailability(
                        new RuntimeException("Failed to rollback.", new SQLException("Connection refused", "08001"))))
                .isTrue();
        assertThat(BoundedDatabaseCalls.isUnavailability(new SQLException("terminating connection", "57P01")))
                .isTrue();
        assertThat(BoundedDatabaseCalls.isUnavailability(new SQLException("duplicate key", "23505")))
                .isFalse();
        assertThat(BoundedDatabaseCalls.isUnavailability(new SQLException("no state")))
                .isFalse();
    }

    @Test
    void aRollbackThatFailedOnTheBrokenConnectionIsAnUnavailabilityOfTheFailureItRolledBackFor() {
        var lost = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        lost.initApplicationException(new DataAccessResourceFailureException("I/O error"));
        var refused = new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
        refused.initApplicationException(new IllegalStateException("a programming error"));

        assertThat(BoundedDatabaseCalls.isUnavailability(lost)).isTrue();
        assertThat(BoundedDatabaseCalls.isUnavailability(refused)).isFalse();
    }

    @Test
    void afterTheDatabaseWasOutOfReachCallsAreRefusedWithoutTryingUntilTheRetryInterval() {
        outOfReach(calls);
        AtomicBoolean ran = new AtomicBoolean();

        nanos.addAndGet(Duration.ofMillis(999).toNanos());
        assertThatThrownBy(() -> calls.call(() -> ran.getAndSet(true)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("could not be reached at the last try");
        assertThat(ran).isFalse();

        nanos.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(calls.call(() -> 42)).isEqualTo(42);
        assertThat(calls.call(() -> ran.getAndSet(true))).isFalse();
        assertThat(ran).isTrue();
    }

    @Test
    void afterTheDatabaseDidNotAnswerInTimeTheRefusalsSaySoRatherThanThatItIsOutOfReach() {
        assertThatThrownBy(() -> calls.call(this::blockUntilReleased))
                .satisfies(e -> assertThat(BoundedDatabaseCalls.isUnanswered(e)).isTrue());

        assertThatThrownBy(() -> calls.call(() -> 42))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("the database did not answer at the last try")
                .satisfies(e -> assertThat(BoundedDatabaseCalls.isUnanswered(e)).isTrue());

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        released.countDown();
        outOfReach(calls);
        assertThatThrownBy(() -> calls.call(() -> 42))
                .hasMessage("the database could not be reached at the last try")
                .satisfies(e -> assertThat(BoundedDatabaseCalls.isUnanswered(e)).isFalse());
    }

    @Test
    void aRetryThatFindsTheDatabaseStillOutOfReachStartsTheIntervalAgain() {
        outOfReach(calls);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        outOfReach(calls);

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThatThrownBy(() -> calls.call(() -> 42)).hasMessageContaining("at the last try");
        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(calls.call(() -> 42)).isEqualTo(42);
    }

    @Test
    void oneCallAtATimeTriesTheDatabaseAgainWhileTheOthersAreRefused() throws Exception {
        BoundedDatabaseCalls patient = new BoundedDatabaseCalls(
                new DatabaseCallProperties(Duration.ofSeconds(30), 4, 4, Duration.ZERO), nanos::get);
        try {
            outOfReach(patient);
            CountDownLatch retryRuns = new CountDownLatch(1);
            CompletableFuture<Integer> retry = CompletableFuture.supplyAsync(() -> patient.call(() -> {
                retryRuns.countDown();
                return blockUntilReleased() + 6;
            }));
            retryRuns.await();

            AtomicBoolean ran = new AtomicBoolean();
            assertThatThrownBy(() -> patient.call(() -> ran.getAndSet(true)))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageContaining("could not be reached at the last try");
            assertThat(ran).isFalse();

            released.countDown();
            assertThat(retry.get()).isEqualTo(7);
            assertThat(patient.call(() -> 42)).isEqualTo(42);
        } finally {
            patient.destroy();
        }
    }

    @Test
    void aCallMadeWithinABoundedCallRunsInItEvenWhileOthersAreRefused() {
        outOfReach(calls);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        String thread = calls.call(() -> calls.call(() -> Thread.currentThread().getName()));

        assertThat(thread).startsWith("bounded-db-call-");
        assertThat(calls.call(() -> 42)).isEqualTo(42);
    }

    @Test
    void aCallThatReachesTheDatabaseAfterAnotherFailedEndsTheRefusals() throws Exception {
        BoundedDatabaseCalls patient = new BoundedDatabaseCalls(
                new DatabaseCallProperties(Duration.ofSeconds(30), 4, 4, Duration.ofSeconds(1)), nanos::get);
        try {
            CountDownLatch running = new CountDownLatch(1);
            CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> patient.call(() -> {
                running.countDown();
                return blockUntilReleased();
            }));
            running.await();
            outOfReach(patient);

            released.countDown();
            assertThat(slow.get()).isEqualTo(1);

            assertThat(patient.call(() -> 42)).isEqualTo(42);
        } finally {
            patient.destroy();
        }
    }

    @Test
    void aPoolWhoseConnectionsAreAllInUseIsBusyAndRefusesNothingAfterwards() throws Exception {
        try (HikariDataSource pool = tinyPool()) {
            BoundedDatabaseCalls busy = new BoundedDatabaseCalls(
                    new DatabaseCallProperties(Duration.ofMillis(200), 1, 1, Duration.ofHours(1)),
                    nanos::get,
                    BoundedDatabaseCalls.exhausted(pool));
            try {
                try (Connection held = pool.getConnection()) {
                    assertThatThrownBy(() -> busy.call(() -> select(pool)))
                            .isInstanceOf(DatabaseBusyException.class)
                            .hasMessageContaining("every connection is in use");
                }
                assertThat(busy.call(() -> select(pool))).isEqualTo(1);
            } finally {
                busy.destroy();
            }
        }
    }

    @Test
    void thePoolsTimeoutWithoutAConnectionFailureIsBusyAndRefusesNothingAfterwards() {
        var poolTimedOut = new CannotGetJdbcConnectionException(
                "Failed to obtain JDBC Connection",
                new SQLTransientConnectionException(
                        "main - Connection is not available, request timed out after 5000ms"));

        assertThatThrownBy(() -> calls.call(() -> {
                    throw poolTimedOut;
                }))
                .isInstanceOf(DatabaseBusyException.class);
        assertThat(BoundedDatabaseCalls.isUnavailability(poolTimedOut)).isTrue();
        assertThat(BoundedDatabaseCalls.isBusy(poolTimedOut)).isTrue();
        assertThat(calls.call(() -> 42)).isEqualTo(42);
        var refused = new SQLTransientConnectionException(
                "main - Connection is not available", "08001", new SQLException("Connection refused", "08001"));
        assertThat(BoundedDatabaseCalls.isBusy(refused)).isFalse();
    }

    private static HikariDataSource tinyPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:busy-" + UUID.randomUUID());
        config.setMaximumPoolSize(1);
        config.setConnectionTimeout(30_000);
        return new HikariDataSource(config);
    }

    private static int select(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
                var result = connection.createStatement().executeQuery("select 1")) {
            result.next();
            return result.getInt(1);
        }
    }

    private static void outOfReach(BoundedDatabaseCalls calls) {
        assertThatThrownBy(() -> calls.call(() -> {
                    throw new CannotGetJdbcConnectionException("refused");
                }))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("cannot be reached");
    }

    /** Like a driver stuck on a silent socket: an interrupt does not free the thread. */
    private Integer blockUntilReleased() {
        while (released.getCount() > 0) {
            try {
                released.await();
            } catch (InterruptedException ignored) {
                // keep holding the thread, as a blocked socket read would
            }
        }
        return 1;
    }

    private static void swallow(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException expected) {
            // the call times out while the test fills the pool
        }
    }
}
