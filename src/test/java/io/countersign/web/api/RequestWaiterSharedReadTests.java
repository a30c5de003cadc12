package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import io.countersign.shared.database.DatabaseNotifications;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Waiters of one request woken by one decision read it once per distinct answer: callers with the same
 * key share a read, callers without one read alone, and a read that fails fails every caller sharing it.
 */
class RequestWaiterSharedReadTests {

    private final DatabaseNotifications notifications = mock(DatabaseNotifications.class);
    // the poll for other instances' decisions does not run within a test: the notification wakes
    private final RequestWaiter waiter = new RequestWaiter(
            JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:waiter-shared-read")),
            new SimpleMeterRegistry(),
            notifications,
            new WaiterProperties(Duration.ofHours(1)));
    private final Map<String, AtomicInteger> reads = new ConcurrentHashMap<>();
    private Consumer<String> decided;

    @BeforeEach
    @SuppressWarnings("unchecked")
    void start() {
        ArgumentCaptor<Consumer<String>> handler = ArgumentCaptor.forClass(Consumer.class);
        verify(notifications).listen(eq(RequestWaiter.DECIDED), handler.capture());
        decided = handler.getValue();
        waiter.start();
    }

    @AfterEach
    void destroy() {
        waiter.destroy();
    }

    @Test
    void tenCallersWithTheSameKeyAreAnsweredFromOneRead() {
        List<DeferredResult<String>> waits = IntStream.range(0, 10)
                .mapToObj(i -> waiter.await("req-1", "gateway", 60, "PENDING", read("gateway"), "APPROVED"::equals))
                .toList();

        decided.accept("req-1");

        await().atMost(Duration.ofSeconds(5)).until(() -> waits.stream().allMatch(DeferredResult::hasResult));
        assertThat(waits).extracting(DeferredResult::getResult).containsOnly("APPROVED for gateway");
        assertThat(reads.get("gateway")).hasValue(1);
        assertThat(waiter.waiting()).isZero();
    }

    @Test
    void callersWithOtherKeysOrNoneReadForThemselves() {
        DeferredResult<String> gateway =
                waiter.await("req-2", "gateway", 60, "PENDING", read("gateway"), "APPROVED"::equals);
        DeferredResult<String> requester =
                waiter.await("req-2", "requester", 60, "PENDING", read("requester"), "APPROVED"::equals);
        List<DeferredResult<String>> alone = IntStream.range(0, 3)
                .mapToObj(i -> waiter.await("req-2", null, 60, "PENDING", read("alone"), "APPROVED"::equals))
                .toList();
        DeferredResult<String> otherRequest =
                waiter.await("req-3", "gateway", 60, "PENDING", read("gateway"), "APPROVED"::equals);

        decided.accept("req-2");

        await().atMost(Duration.ofSeconds(5))
                .until(() -> gateway.hasResult()
                        && requester.hasResult()
                        && alone.stream().allMatch(DeferredResult::hasResult));
        assertThat(gateway.getResult()).isEqualTo("APPROVED for gateway");
        assertThat(requester.getResult()).isEqualTo("APPROVED for requester");
        assertThat(alone).extracting(DeferredResult::getResult).containsOnly("APPROVED for alone");
        assertThat(reads.get("gateway")).hasValue(1);
        assertThat(reads.get("requester")).hasValue(1);
        assertThat(reads.get("alone")).hasValue(3);
        assertThat(otherRequest.hasResult()).isFalse();
        assertThat(waiter.waiting()).isEqualTo(1);
    }

    @Test
    void aReadThatFailsFailsEveryCallerThatSharedIt() {
        IllegalStateException failure = new IllegalStateException("the request cannot be read");
        Supplier<String> failing = () -> {
            reads.computeIfAbsent("failing", key -> new AtomicInteger()).incrementAndGet();
            throw failure;
        };
        List<DeferredResult<String>> waits = IntStream.range(0, 4)
                .mapToObj(i -> waiter.await("req-4", "gateway", 60, "PENDING", failing, "APPROVED"::equals))
                .toList();

        decided.accept("req-4");

        await().atMost(Duration.ofSeconds(5)).until(() -> waits.stream().allMatch(DeferredResult::hasResult));
        assertThat(waits).extracting(DeferredResult::getResult).containsOnly(failure);
        assertThat(reads.get("failing")).hasValue(1);
    }

    private Supplier<String> read(String caller) {
        return () -> {
            reads.computeIfAbsent(caller, key -> new AtomicInteger()).incrementAndGet();
            return "APPROVED for " + caller;
        };
    }
}
