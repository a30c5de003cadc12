package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

class BoundedDatabaseCallsTests {

    final CountDownLatch released = new CountDownLatch(1);
    final BoundedDatabaseCalls calls =
            new BoundedDatabaseCalls(new DatabaseCallProperties(Duration.ofMillis(200), 1, 1));

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
        CompletableFuture.runAsync(() -> swallow(() -> calls.call(this::blockUntilReleased)));
        CompletableFuture.runAsync(() -> swallow(() -> calls.call(this::blockUntilReleased)));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThatThrownBy(() -> calls.call(() -> 1))
                        .isInstanceOf(DatabaseUnavailableException.class)
                        .hasMessageContaining("too many"));
    }

    @Test
    void aDatabaseOutOfReachIsReportedAsUnavailableAndOtherFailuresPassThrough() {
        assertThatThrownBy(() -> calls.call(() -> {
                    throw new CannotGetJdbcConnectionException("refused");
                }))
                .isInstanceOf(DatabaseUnavailableException.class);
        assertThatThrownBy(() -> calls.call(() -> {
                    throw new DataIntegrityViolationException("duplicate");
                }))
                .isInstanceOf(DataIntegrityViolationException.class);
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
