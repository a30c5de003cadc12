package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import io.countersign.shared.database.DatabaseNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.context.request.async.StandardServletAsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;

/** Stopping the waiter registry answers every waiter; starting it again lets callers wait again. */
class RequestWaiterLifecycleTests {

    // never queried: the poll for other instances' decisions has nothing to look for without waiters
    // on other requests, and these waiters are answered by stop() or not at all
    private final RequestWaiter waiter = new RequestWaiter(
            JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:waiter-lifecycle")),
            new SimpleMeterRegistry(),
            mock(DatabaseNotifications.class),
            new WaiterProperties(Duration.ofMillis(250)));

    @AfterEach
    void destroy() {
        waiter.destroy();
    }

    @Test
    void stoppingAnswersEveryWaiterWithWhatItReadsNow() throws Exception {
        waiter.start();
        DeferredResult<String> first =
                waiter.await("req-a", null, 60, "PENDING", () -> "PENDING now", "APPROVED"::equals);
        DeferredResult<String> second =
                waiter.await("req-b", null, 60, "PENDING", () -> "PENDING too", "APPROVED"::equals);
        servedByAContainerThatWritesAtOnce(first);
        servedByAContainerThatWritesAtOnce(second);
        assertThat(first.hasResult()).isFalse();

        waiter.stop();

        assertThat(first.getResult()).isEqualTo("PENDING now");
        assertThat(second.getResult()).isEqualTo("PENDING too");
        assertThat(waiter.waiting()).isZero();
        assertThat(waiter.isRunning()).isFalse();
    }

    @Test
    void stoppingReturnsOnlyOnceEveryAnswerIsWritten() throws Exception {
        waiter.start();
        DeferredResult<String> slow =
                waiter.await("req-e", null, 60, "PENDING", () -> "PENDING still", "APPROVED"::equals);
        MockAsyncContext connection = servedBy(slow);

        CompletableFuture<Void> stopped = CompletableFuture.runAsync(waiter::stop);

        await().atMost(Duration.ofSeconds(5)).until(slow::hasResult);
        // the answer is handed to the container but not written: the connection must stay open
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !stopped.isDone());
        connection.complete();
        stopped.get(5, TimeUnit.SECONDS);
        assertThat(slow.getResult()).isEqualTo("PENDING still");
    }

    @Test
    void whileStoppedAWaitIsAnsweredAtOnceAndAfterARestartItWaitsAgain() {
        waiter.start();
        waiter.stop();

        DeferredResult<String> whileStopped =
                waiter.await("req-c", null, 60, "PENDING", () -> "read", "APPROVED"::equals);
        assertThat(whileStopped.getResult()).isEqualTo("PENDING");

        waiter.start();
        DeferredResult<String> afterRestart =
                waiter.await("req-d", null, 1, "PENDING", () -> "after its deadline", "APPROVED"::equals);
        assertThat(afterRestart.hasResult()).isFalse();
        await().atMost(Duration.ofSeconds(5)).until(afterRestart::hasResult);
        assertThat(afterRestart.getResult()).isEqualTo("after its deadline");
    }

    /** Hands the result to a servlet container's async processing, as a controller returning it does. */
    private static MockAsyncContext servedBy(DeferredResult<String> result) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/requests/r");
        request.setAsyncSupported(true);
        StandardServletAsyncWebRequest async =
                new StandardServletAsyncWebRequest(request, new MockHttpServletResponse());
        WebAsyncManager manager = WebAsyncUtils.getAsyncManager(request);
        manager.setAsyncWebRequest(async);
        manager.startDeferredResultProcessing(result);
        return (MockAsyncContext) request.getAsyncContext();
    }

    private static void servedByAContainerThatWritesAtOnce(DeferredResult<String> result) throws Exception {
        MockAsyncContext connection = servedBy(result);
        connection.addDispatchHandler(connection::complete);
    }
}
