package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends deliveries as soon as the transaction that queued them commits, instead of at the channel's
 * next look (docs/adr/0038): the channels a transaction queued for are collected while it runs and
 * their runs brought forward once, after it commits; a transaction that rolls back wakes nothing.
 * Only this instance is woken, and needs to be: the run it brings forward is a row every instance
 * shares, which the scheduler still hands to one instance at a time. A paused channel is not woken:
 * its run would send nothing until the pause is over, when its polling finds the deliveries.
 */
@Component
class DeliveryWakes implements DisposableBean {

    private final DeliveryWaker waker;
    private final ServerPauses pauses;
    private final Clock clock;

    DeliveryWakes(
            JdbcClient jdbc,
            ObjectProvider<Scheduler> scheduler,
            ObjectProvider<com.github.kagkarlsson.scheduler.Clock> schedulerClock,
            ServerPauses pauses,
            Clock clock) {
        this.pauses = pauses;
        this.clock = clock;
        // both looked up when first needed: the scheduler is built after the tasks, which need this
        this.waker = new DeliveryWaker(
                new ScheduledRuns(
                        jdbc,
                        () -> schedulerClock.getIfAvailable(() -> Instant::now).now()),
                () -> scheduler.ifAvailable(Scheduler::triggerCheckForDueExecutions),
                System::nanoTime);
    }

    /**
     * Sends the channel's due deliveries soon after the current transaction commits, or soon when
     * there is none (what was written is committed already).
     */
    void afterCommit(String channel) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wake(Set.of(channel));
            return;
        }
        // the current transaction's own steps only: one suspended by it wakes once it commits itself
        for (TransactionSynchronization step : TransactionSynchronizationManager.getSynchronizations()) {
            if (step instanceof WakeOnCommit wake && wake.owner == this) {
                wake.channels.add(channel);
                return;
            }
        }
        WakeOnCommit wake = new WakeOnCommit(this);
        wake.channels.add(channel);
        TransactionSynchronizationManager.registerSynchronization(wake);
    }

    /** The channels one transaction queued deliveries for, woken once it has committed. */
    private static final class WakeOnCommit implements TransactionSynchronization {

        private final DeliveryWakes owner;
        private final Set<String> channels = new LinkedHashSet<>();

        WakeOnCommit(DeliveryWakes owner) {
            this.owner = owner;
        }

        @Override
        public void afterCommit() {
            owner.wake(channels);
        }
    }

    private void wake(Set<String> channels) {
        Instant now = clock.instant();
        List<String> unpaused =
                channels.stream().filter(c -> pauses.of(c).allows(now)).toList();
        waker.wake(unpaused);
    }

    @Override
    public void destroy() {
        waker.close();
    }
}
