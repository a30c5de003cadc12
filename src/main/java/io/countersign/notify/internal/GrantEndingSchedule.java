package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.countersign.grant.GrantFirstUsed;
import io.countersign.grant.GrantStarted;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * When access begins, schedules the notice that it is about to end, in the transaction that starts
 * it; the grant module knows nothing of it. Access shorter than the lead time gets no notice: its
 * holder has just been given it and knows how long it lasts.
 */
@Component
class GrantEndingSchedule {

    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> task;
    private final NotificationProperties properties;
    private final NotificationSenders senders;

    GrantEndingSchedule(
            SchedulerClient scheduler,
            @Qualifier("grantEndingNoticeTask") OneTimeTask<Void> task,
            NotificationProperties properties,
            NotificationSenders senders) {
        this.scheduler = scheduler;
        this.task = task;
        this.properties = properties;
        this.senders = senders;
    }

    @EventListener
    void on(GrantStarted started) {
        schedule(started.grantId(), started.startsAt(), started.endsAt());
    }

    @EventListener
    void on(GrantFirstUsed used) {
        schedule(used.grantId(), used.clockStartedAt(), used.endsAt());
    }

    /** Schedules the notice for a grant in force from {@code startsAt} until {@code endsAt}. */
    void schedule(String grantId, Instant startsAt, Instant endsAt) {
        Instant due = endsAt.minus(properties.grantEndingLeadTime());
        if (!senders.any() || !due.isAfter(startsAt)) {
            return;
        }
        scheduler.scheduleIfNotExists(task.instance(GrantEndingTask.instanceId(grantId, endsAt)), due);
    }
}
