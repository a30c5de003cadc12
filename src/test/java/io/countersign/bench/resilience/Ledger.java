package io.countersign.bench.resilience;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * What the clients were told: every creation and decision the service acknowledged with a 2xx
 * answer, and when. The checks afterwards hold the database to it.
 */
final class Ledger {

    record Decision(String requestId, int step, String approver) {}

    /** The request each Idempotency-Key was answered with. */
    final Map<String, String> createdByKey = new ConcurrentHashMap<>();

    final Queue<Decision> acknowledgedDecisions = new ConcurrentLinkedQueue<>();
    final Queue<String> unexpected = new ConcurrentLinkedQueue<>();
    final LongAdder creationsReplayed = new LongAdder();
    final LongAdder decisionsConfirmedAfterRetry = new LongAdder();
    final LongAdder requestsCompleted = new LongAdder();
    final LongAdder abandoned = new LongAdder();

    private final LongSupplier nanoTime;
    private final long startedAt;
    private long[] acknowledgedAt = new long[1 << 16];
    private int acknowledgements;

    Ledger() {
        this(System::nanoTime);
    }

    /** With the clock the acknowledgements are timed by, so that a test can move it. */
    Ledger(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.startedAt = nanoTime.getAsLong();
    }

    /** A creation answered 201 or, for a replayed key, 200; a key answered with two ids is recorded. */
    void created(String key, String requestId, boolean replayed) {
        String earlier = createdByKey.putIfAbsent(key, requestId);
        if (earlier != null && !earlier.equals(requestId)) {
            unexpected.add("Idempotency-Key " + key + " answered with " + earlier + " and then " + requestId);
        }
        if (replayed) {
            creationsReplayed.increment();
        }
        acknowledged();
    }

    void decided(String requestId, int step, String approver) {
        acknowledgedDecisions.add(new Decision(requestId, step, approver));
        acknowledged();
    }

    synchronized void acknowledged() {
        if (acknowledgements == acknowledgedAt.length) {
            acknowledgedAt = Arrays.copyOf(acknowledgedAt, acknowledgements * 2);
        }
        acknowledgedAt[acknowledgements++] = nanoTime.getAsLong() - startedAt;
    }

    long now() {
        return nanoTime.getAsLong() - startedAt;
    }

    /**
     * The longest stretch without any acknowledged operation between {@code from} and {@code to}
     * (nanoseconds on this ledger's clock): how long the clients as a whole saw no progress.
     */
    synchronized long longestPause(long from, long to) {
        List<Long> inside = new ArrayList<>();
        for (int i = 0; i < acknowledgements; i++) {
            if (acknowledgedAt[i] > from && acknowledgedAt[i] < to) {
                inside.add(acknowledgedAt[i]);
            }
        }
        inside.sort(null);
        long longest = 0;
        long previous = from;
        for (long at : inside) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return Math.max(longest, to - previous);
    }

    int decisionCount() {
        return acknowledgedDecisions.size();
    }
}
