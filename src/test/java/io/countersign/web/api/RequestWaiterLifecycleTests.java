package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.countersign.shared.database.DatabaseNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.context.request.async.DeferredResult;

/** Stopping the waiter registry answers every waiter; starting it again lets callers wait again. */
class RequestWaiterLifecycleTests {

    // never queried: the poll for other instances' decisions has nothing to look for without waiters
    // on other requests, and these waiters are answered by stop() or not at all
    private final RequestWaiter waiter = new RequestWaiter(
            JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:waiter-lifecycle")),
            new SimpleMeterRegistry(),
            mock(DatabaseNotifications.class),
            Duration.ofMillis(250));

    @AfterEach
    void destroy() {
        waiter.destroy();
    }

    @Test
    void stoppingAnswersEveryWaiterWithWhatItReadsNow() {
        waiter.start();
        DeferredResult<String> first = waiter.await("req-a", 60, "PENDING", () -> "PENDING now", "APPROVED"::equals);
        DeferredResult<String> second = waiter.await("req-b", 60, "PENDING", () -> "PENDING too", "APPROVED"::equals);
        assertThat(first.hasResult()).isFalse();

        waiter.stop();

        assertThat(first.getResult()).isEqualTo("PENDING now");
        assertThat(second.getResult()).isEqualTo("PENDING too");
        assertThat(waiter.waiting()).isZero();
        assertThat(waiter.isRunning()).isFalse();
    }

    @Test
    void whileStoppedAWaitIsAnsweredAtOnceAndAfterARestartItWaitsAgain() {
        waiter.start();
        waiter.stop();

        DeferredResult<String> whileStopped = waiter.await("req-c", 60, "PENDING", () -> "read", "APPROVED"::equals);
        assertThat(whileStopped.getResult()).isEqualTo("PENDING");

        waiter.start();
        DeferredResult<String> afterRestart =
                waiter.await("req-d", 1, "PENDING", () -> "after its deadline", "APPROVED"::equals);
        assertThat(afterRestart.hasResult()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(afterRestart::hasResult);
        assertThat(afterRestart.getResult()).isEqualTo("after its deadline");
    }
}
