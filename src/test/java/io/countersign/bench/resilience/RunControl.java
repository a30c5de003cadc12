package io.countersign.bench.resilience;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops the load and paces the run. Stopping is graceful: clients finish the request they are
 * working on, so nothing is left half approved. Aborting (a fatal error, or the driver being
 * interrupted) ends every pause at once.
 */
final class RunControl {

    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch abort = new CountDownLatch(1);

    void stop() {
        stopping.set(true);
    }

    boolean stopping() {
        return stopping.get();
    }

    void abort() {
        stopping.set(true);
        abort.countDown();
    }

    boolean aborted() {
        return abort.getCount() == 0;
    }

    /** Waits for {@code duration}, or less when the run is aborted. */
    void pause(Duration duration) throws InterruptedException {
        abort.await(duration.toNanos(), TimeUnit.NANOSECONDS);
    }
}
