package io.countersign.request;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.countersign.shared.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records a delegation that reached its {@code until} as ended, so that the audit shows when a
 * delegate's standing stopped as it does for one ended early. Eligibility never waits for this: it is
 * decided against the clock. A db-scheduler one-time task runs at {@code until}, once across
 * instances; a delegation whose task has not run yet is recorded by the first call that touches it.
 */
@Component
class DelegationEnds {

    static final String TASK = "delegation-end";
    static final String REACHED_UNTIL = "it reached its end";

    private final DelegationStore store;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    DelegationEnds(
            DelegationStore store, Clock clock, ApplicationEventPublisher events, TransactionTemplate transactions) {
        this.store = store;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /** The task's work: records the delegation as ended when it is past its end and not ended yet. */
    void end(String delegationId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(tx -> recordIfOver(delegationId, now));
    }

    /** In the caller's transaction: true when the delegation was past its end and is recorded as ended now. */
    boolean recordIfOver(String delegationId, Instant now) {
        if (!store.endAtUntil(delegationId, now)) {
            return false;
        }
        store.find(delegationId)
                .ifPresent(d -> events.publishEvent(new DelegationEnded(Actor.system(), d, REACHED_UNTIL)));
        return true;
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {

        @Bean
        OneTimeTask<Void> delegationEndTask(DelegationEnds ends) {
            return Tasks.oneTime(TASK).execute((instance, context) -> ends.end(instance.getId()));
        }
    }
}
