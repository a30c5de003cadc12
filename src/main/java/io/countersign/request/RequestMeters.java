package io.countersign.request;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Times request creations and decisions, each to the end of its transaction, commit included, with
 * histogram buckets for Prometheus ({@code countersign.request.creation}, {@code
 * countersign.request.decision}, tag {@code outcome}: {@code committed} or {@code refused}). Every
 * channel that decides (API, pages, mail, chat) is counted, not only HTTP calls.
 */
@Component
class RequestMeters {

    static final String CREATION = "countersign.request.creation";
    static final String DECISION = "countersign.request.decision";

    private final MeterRegistry meters;

    RequestMeters(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Runs a creation, its own transaction included, and times it. */
    <T> T timeCreation(Supplier<T> creation) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "refused";
        try {
            T created = creation.get();
            outcome = "committed";
            return created;
        } finally {
            sample.stop(timer(CREATION, "From a request creation's start to its commit", outcome));
        }
    }

    /** Times the decision the current transaction makes, from now to the transaction's end. */
    void timeDecision() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        Timer.Sample sample = Timer.start(meters);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                sample.stop(timer(
                        DECISION,
                        "From a decision's start to the end of its transaction",
                        status == STATUS_COMMITTED ? "committed" : "refused"));
            }
        });
    }

    private Timer timer(String name, String description, String outcome) {
        return Timer.builder(name)
                .description(description)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(meters);
    }
}
