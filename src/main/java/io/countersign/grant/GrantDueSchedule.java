package io.countersign.grant;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.countersign.shared.scheduling.NewTimers;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Schedules one db-scheduler task for a grant's start (when it is scheduled for later) and one for its
 * end, in the transaction that issues the grant, so that they are recorded (audit, webhooks) on time
 * on whichever instance polls first. A grant revoked or already recorded makes the task do nothing.
 * Whatever changes a grant's end must schedule the new instant here.
 */
@Component
class GrantDueSchedule {

    private final SchedulerClient scheduler;
    private final NewTimers newTimers;
    private final OneTimeTask<Void> task;

    GrantDueSchedule(
            SchedulerClient scheduler, @Qualifier("grantDueTask") OneTimeTask<Void> grantDueTask, NewTimers newTimers) {
        this.scheduler = scheduler;
        this.newTimers = newTimers;
        this.task = grantDueTask;
    }

    /**
     * The timers of a grant this transaction has just issued. No instance of its id can exist yet, so
     * they are inserted without looking first, with the transaction's last writes ({@link NewTimers}).
     */
    void scheduleForNew(Grant grant) {
        List<SchedulableInstance<?>> timers = new ArrayList<>();
        for (Instant at : dueTimes(grant)) {
            timers.add(SchedulableInstance.of(task.instance(GrantTimerTask.instanceId(grant.id(), at)), at));
        }
        newTimers.schedule(timers);
    }

    /** The timers of a grant whose times changed; an instant already scheduled keeps its timer. */
    void scheduleFor(Grant grant) {
        dueTimes(grant).forEach(due -> schedule(grant.id(), due));
    }

    /** When the grant's timers are due: its start while it waits for it, and its end. */
    private static Set<Instant> dueTimes(Grant grant) {
        Set<Instant> due = new LinkedHashSet<>();
        if (grant.status() == GrantStatus.SCHEDULED) {
            due.add(grant.startsAt());
        }
        due.add(grant.endsAt());
        return due;
    }

    private void schedule(String grantId, Instant due) {
        scheduler.scheduleIfNotExists(task.instance(GrantTimerTask.instanceId(grantId, due)), due);
    }
}
