package io.countersign.request;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.countersign.shared.Actor;
import io.countersign.shared.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * When a delegation starts, the steps already waiting on its delegator also wait on the delegate, who
 * is told then ({@link RequestDelegateJoined}) unless the step lists them in their own right, and so are the break-glass reviews still waiting on
 * its delegator ({@link BreakGlassReviewDelegates}). A delegation that starts later is started by a
 * db-scheduler one-time task at its {@code from}, which runs once across instances; one in force at
 * once is started in the transaction that creates it. Nothing about the request changes: eligibility
 * is decided against the clock when someone decides.
 */
@Component
class DelegationStarts {

    static final String TASK = "delegation-start";

    private final JdbcClient jdbc;
    private final DelegationStore store;
    private final RequestRepository repository;
    private final BreakGlassReviewDelegates reviews;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    DelegationStarts(
            JdbcClient jdbc,
            DelegationStore store,
            RequestRepository repository,
            BreakGlassReviewDelegates reviews,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.store = store;
        this.repository = repository;
        this.reviews = reviews;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * The task's work: tells the delegate of the steps and break-glass reviews waiting on the delegator,
     * when still in force.
     */
    void start(String delegationId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        transactions.executeWithoutResult(
                tx -> store.find(delegationId).filter(d -> d.inForceAt(now)).ifPresent(d -> join(d, now)));
    }

    /** Tells the delegate of the steps and break-glass reviews waiting on the delegator, in the caller's transaction. */
    void join(Delegation delegation, Instant now) {
        List<String> ids = jdbc.sql("""
                        select distinct r.id from access_requests r
                        join request_step_approvers a on a.request_id = r.id and a.step_index = r.current_step
                        where r.status = 'PENDING' and r.expires_at > ? and a.user_id = ?
                        order by r.id""")
                .params(Timestamps.toDb(now), delegation.delegator().id())
                .query(String.class)
                .list();
        for (String id : ids) {
            repository
                    .find(id)
                    // one who decides the step in their own right decides it as themself, never for the
                    // delegator (rule 1): the step's opening told them already
                    .filter(r -> !r.steps()
                            .get(r.currentStep())
                            .isEligible(delegation.delegate().id()))
                    .filter(r -> r.awaits(delegation.delegate().id(), now, List.of(delegation)))
                    .ifPresent(r -> events.publishEvent(new RequestDelegateJoined(
                            Actor.system(),
                            r.id(),
                            r.currentStep(),
                            r.steps().get(r.currentStep()).name(),
                            delegation.delegate(),
                            delegation.delegator(),
                            r.details().extendsGrant())));
        }
        reviews.join(delegation, now);
    }

    @Configuration(proxyBeanMethods = false)
    static class Task {

        @Bean
        OneTimeTask<Void> delegationStartTask(DelegationStarts starts) {
            return Tasks.oneTime(TASK).execute((instance, context) -> starts.start(instance.getId()));
        }
    }
}
