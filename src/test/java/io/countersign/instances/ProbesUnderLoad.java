package io.countersign.instances;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends the same probe to an instance from several threads, makes one change meanwhile, and tells
 * which answers were asked for after the change was acknowledged: what every freshness test across
 * instances rests on.
 */
final class ProbesUnderLoad<T> {

    /** One probe: when it was sent and what it answered. */
    record Answer<T>(long startedAt, T value) {}

    private final int threads;
    private final int before;
    private final int after;
    private long changedAt;
    private List<Answer<T>> answers = List.of();

    /** {@code before} answers come before the change, and at least {@code after} are sent after it. */
    ProbesUnderLoad(int threads, int before, int after) {
        this.threads = threads;
        this.before = before;
        this.after = after;
    }

    /** Probes from every thread, runs {@code change} once enough were answered, and returns every answer. */
    List<Answer<T>> run(Callable<T> probe, Runnable change) throws Exception {
        ConcurrentLinkedQueue<Answer<T>> answered = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                load.add(pool.submit(() -> {
                    while (running.get()) {
                        long startedAt = System.nanoTime();
                        answered.add(new Answer<>(startedAt, probe.call()));
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() >= before);
            change.run();
            changedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> answered.stream()
                                    .filter(answer -> answer.startedAt() > changedAt)
                                    .count()
                            >= after);
        } finally {
            running.set(false);
            for (Future<?> each : load) {
                each.get();
            }
            pool.shutdownNow();
        }
        answers = List.copyOf(answered);
        return answers;
    }

    /** The answers to probes sent before the change was acknowledged. */
    List<T> before() {
        return answers.stream()
                .filter(answer -> answer.startedAt() < changedAt)
                .map(Answer::value)
                .toList();
    }

    /** The answers to probes sent after the change was acknowledged. */
    List<T> after() {
        return answers.stream()
                .filter(answer -> answer.startedAt() > changedAt)
                .map(Answer::value)
                .toList();
    }
}
