package io.countersign.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts calls at the same instant, each on its own thread, so that they meet inside the service;
 * answers what each call returned, in the order given. Close it after the test.
 */
public final class Race implements AutoCloseable {

    private final ExecutorService threads;

    /** Room for {@code runners} calls at once. */
    public Race(int runners) {
        this.threads = Executors.newFixedThreadPool(runners);
    }

    public <T> List<T> run(List<Callable<T>> calls) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> answers = new ArrayList<>();
        for (Callable<T> call : calls) {
            answers.add(threads.submit(() -> {
                start.await();
                return call.call();
            }));
        }
        start.countDown();
        List<T> statuses = new ArrayList<>();
        for (Future<T> answer : answers) {
            statuses.add(answer.get());
        }
        return statuses;
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
