package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryWaker.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryWakerTests {

    static final Duration PATIENCE = Duration.ofSeconds(10);

    /** The runs of a fake scheduler: answers what {@code outcome} says, counting each look per channel. */
    static final class Runs implements DeliveryWaker.Runs {

        final Map<String, AtomicInteger> looks = new ConcurrentHashMap<>();
        volatile Function<String, Outcome> outcome = channel -> Outcome.DUE;

        @Override
        public Outcome makeDue(String channel) {
            looks.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
            return outcome.apply(channel);
        }

        int looks(String channel) {
            AtomicInteger count = looks.get(channel);
            return count == null ? 0 : count.get();
        }
    }

    final Runs runs = new Runs();
    final AtomicInteger started = new AtomicInteger();
    final AtomicLong nanos = new AtomicLong();
    final DeliveryWaker waker = new DeliveryWaker(runs, started::incrementAndGet, nanos::get);

    @AfterEach
    void close() {
        waker.close();
    }

    @Test
    void aBurstOfWakesDuringAPassCostsOneMoreLookPerChannelNotOnePerWake() throws InterruptedException {
        CountDownLatch looking = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        runs.outcome = channel -> {
            looking.countDown();
            awaitQuietly(release);
            return Outcome.DUE;
        };
        waker.wake(List.of("EMAIL"));
        assertThat(looking.await(10, TimeUnit.SECONDS)).isTrue();

        for (int i = 0; i < 100; i++) {
            waker.wake(List.of("EMAIL", "WEBHOOK"));
        }
        release.countDown();

        await().atMost(PATIENCE).until(() -> runs.looks("WEBHOOK") == 1 && started.get() == 2);
        await().during(Duration.ofMillis(300))
                .atMost(PATIENCE)
                .until(() -> runs.looks("EMAIL") == 2 && runs.looks("WEBHOOK") == 1 && started.get() == 2);
    }

    @Test
    void aChannelWhoseRunIsInProgressIsWokenOnceItEndsAndHoldsUpNoOtherChannel() {
        AtomicInteger emailRunning = new AtomicInteger(1);
        runs.outcome = channel -> channel.equals("EMAIL") && emailRunning.get() == 1 ? Outcome.RUNNING : Outcome.DUE;

        waker.wake(List.of("EMAIL", "SLACK"));

        await().atMost(PATIENCE).until(() -> started.get() == 1 && runs.looks("EMAIL") >= 3);
        assertThat(runs.looks("SLACK")).isEqualTo(1);
        emailRunning.set(0);
        await().atMost(PATIENCE).until(() -> started.get() == 2);
        int looks = runs.looks("EMAIL");
        await().during(Duration.ofMillis(300)).atMost(PATIENCE).until(() -> runs.looks("EMAIL") == looks);
    }

    @Test
    void aRunStillInProgressAfterThirtySecondsIsLeftToLookAgainByItself() {
        runs.outcome = channel -> Outcome.RUNNING;
        waker.wake(List.of("EMAIL"));
        await().atMost(PATIENCE).until(() -> runs.looks("EMAIL") >= 2);

        nanos.addAndGet(DeliveryWaker.RETRY_FOR.toNanos());
        int before = runs.looks("EMAIL");
        await().atMost(PATIENCE).until(() -> runs.looks("EMAIL") == before + 1);

        await().during(Duration.ofMillis(1500)).atMost(PATIENCE).until(() -> runs.looks("EMAIL") == before + 1);
        assertThat(started).hasValue(0);
    }

    @Test
    void aLookThatFailsFailsNoCommitAndLeavesTheWakerWorking() {
        runs.outcome = channel -> {
            throw new IllegalStateException("the database is gone");
        };
        assertThatCode(() -> waker.wake(List.of("EMAIL"))).doesNotThrowAnyException();
        await().atMost(PATIENCE).until(() -> runs.looks("EMAIL") == 1);

        runs.outcome = channel -> Outcome.DUE;
        waker.wake(List.of("EMAIL"));
        await().atMost(PATIENCE).until(() -> started.get() == 1);
    }

    @Test
    void aWakeAfterShutdownIsIgnored() {
        waker.close();

        assertThatCode(() -> waker.wake(List.of("EMAIL"))).doesNotThrowAnyException();
        assertThat(runs.looks("EMAIL")).isZero();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
