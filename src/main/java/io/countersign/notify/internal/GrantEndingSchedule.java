package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.countersign.grant.GrantFirstUsed;
import io.countersign.grant.GrantStarted;
import io.countersign.shared.scheduling.NewTimers;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When access begins, schedules the notice that it is about to end, in the transaction that starts
 * it; the grant module knows nothing of it. Access shorter than the lead time gets no notice: its
 * holder has just been given it and knows how long it lasts. Nor does access whose start is recorded
 * only after its end, at a catch-up: it has ended, and a notice due in the past would run at once.
 *
 * <p>Access begins once per grant (at issue, at its scheduled start or at its first use, never more
 * than one of them), so the notice scheduled then is the grant's first and is inserted without
 * looking for an existing one, with the transaction's last writes ({@link NewTimers}). The
 * notice that moves after an extension may run again, and looks first.
 */
@Component
class GrantEndingSchedule {

    private final SchedulerClient scheduler;
    private final NewTimers newTimers;
    private final OneTimeTask<Void> task;
    private final NotificationProperties properties;
    private final NotificationSenders senders;

    GrantEndingSchedule(
            SchedulerClient scheduler,
            @Qualifier("grantEndingNoticeTask") OneTimeTask<Void> task,
            NotificationProperties properties,
            NotificationSenders senders,
            NewTimers newTimers) {
        this.scheduler = scheduler;
        this.newTimers = newTimers;
        this.task = task;
        this.properties = properties;
        this.senders = senders;
    }

    @EventListener
    void on(GrantStarted started) {
        if (!started.alreadyEnded()) {
            scheduleFirst(started.grantId(), started.startsAt(), started.endsAt());
        }
    }

    @EventListener
    void on(GrantFirstUsed used) {
        scheduleFirst(used.grantId(), used.clockStartedAt(), used.endsAt());
    }

    private void scheduleFirst(String grantId, Instant startsAt, Instant endsAt) {
        Instant due = dueFor(startsAt, endsAt);
        if (due != null) {
            newTimers.schedule(
                    List.of(SchedulableInstance.of(task.instance(GrantEndingTask.instanceId(grantId, endsAt)), due)));
        }
    }

    /** Schedules the notice for a grant in force from {@code startsAt} until {@code endsAt}. */
    void schedule(String grantId, Instant startsAt, Instant endsAt) {
        Instant due = dueFor(startsAt, endsAt);
        if (due != null) {
            scheduler.scheduleIfNotExists(task.instance(GrantEndingTask.instanceId(grantId, endsAt)), due);
        }
    }

    /** When the notice is due, or null when nobody could be told or the access is too short for one. */
    private Instant dueFor(Instant startsAt, Instant endsAt) {
        Instant due = endsAt.minus(properties.grantEndingLeadTime());
        return senders.any() && due.isAfter(startsAt) ? due : null;
    }
}
