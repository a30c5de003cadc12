package io.countersign.notify.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings channels' delivery runs forward on one thread of its own, so that whoever commits a delivery
 * never waits for it. Wakes that arrive while a pass is queued or running join the next pass, so a
 * burst of commits costs one statement per channel, not one per delivery. A channel whose run is in
 * progress (here or on another instance) is tried again, more and more slowly, until that run has
 * ended or {@link #RETRY_FOR} has passed: the run may have read its due rows before the new ones
 * committed. Every failure only leaves the deliveries to the channel's own polling.
 */
final class DeliveryWaker implements AutoCloseable {

    /** What bringing a channel's run forward came to. */
    enum Outcome {
        /** The run is due now, and the scheduler may start it. */
        DUE,
        /** The run is in progress and cannot be moved now. */
        RUNNING,
        /** There is no run for the channel (no sender); nothing to do. */
        ABSENT
    }

    /** The scheduler's runs, one per channel. */
    interface Runs {
        Outcome makeDue(String channel);
    }

    /** Past this, a run still in progress is left to finish and to look again on its own. */
    static final Duration RETRY_FOR = Duration.ofSeconds(30);

    private static final Logger log = LoggerFactory.getLogger(DeliveryWaker.class);
    private static final long FIRST_RETRY_MILLIS = 20;
    private static final long LONGEST_RETRY_MILLIS = 1_000;

    private final Runs runs;
    private final Runnable startDue;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService thread;
    private final Set<String> woken = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean passQueued = new AtomicBoolean();
    // channels found running, by when they were first found so; touched on the waker's thread only
    private final Map<String, Long> retrying = new HashMap<>();

    /** {@code startDue} asks the scheduler to start whatever is due at once. */
    DeliveryWaker(Runs runs, Runnable startDue, LongSupplier nanoTime) {
        this.runs = runs;
        this.startDue = startDue;
        this.nanoTime = nanoTime;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread waker = new Thread(task, "delivery-waker");
            waker.setDaemon(true);
            return waker;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
    }

    /** Brings the channels' runs forward soon; never throws, so a committed change is never reported as failed. */
    void wake(Collection<String> channels) {
        if (channels.isEmpty()) {
            return;
        }
        woken.addAll(channels);
        if (passQueued.compareAndSet(false, true)) {
            try {
                thread.execute(this::pass);
            } catch (RejectedExecutionException shuttingDown) {
                passQueued.set(false);
            }
        }
    }

    private void pass() {
        passQueued.set(false);
        List<String> channels = new ArrayList<>(woken);
        woken.removeAll(channels);
        boolean due = false;
        for (String channel : channels) {
            Outcome outcome = makeDue(channel);
            due |= outcome == Outcome.DUE;
            if (outcome == Outcome.RUNNING) {
                // a retry already on its way covers this wake too
                if (retrying.putIfAbsent(channel, nanoTime.getAsLong()) == null) {
                    retryLater(channel, 0);
                }
            } else {
                retrying.remove(channel);
            }
        }
        if (due) {
            startDue.run();
        }
    }

    private void retry(String channel, int retries) {
        Long since = retrying.get(channel);
        if (since == null) {
            return;
        }
        Outcome outcome = makeDue(channel);
        if (outcome == Outcome.RUNNING && nanoTime.getAsLong() - since < RETRY_FOR.toNanos()) {
            retryLater(channel, retries + 1);
            return;
        }
        retrying.remove(channel);
        if (outcome == Outcome.DUE) {
            startDue.run();
        }
    }

    private void retryLater(String channel, int retries) {
        long delay = Math.min(LONGEST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(retries, 10));
        try {
            thread.schedule(() -> retry(channel, retries), delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            retrying.remove(channel);
        }
    }

    private Outcome makeDue(String channel) {
        try {
            return runs.makeDue(channel);
        } catch (RuntimeException e) {
            // the channel's polling sends its deliveries all the same, only later; the scheduler reports
            // a database it cannot reach on its own
            log.debug("Could not bring the {} deliveries forward: {}", channel, e.toString());
            return Outcome.ABSENT;
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
