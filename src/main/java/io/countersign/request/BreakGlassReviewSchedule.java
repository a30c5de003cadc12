package io.countersign.request;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Schedules the one-time task at a break-glass review's deadline, in the transaction that opens the
 * review, as {@link RequestDeadlineSchedule} does for steps. A review acknowledged in time makes the
 * task do nothing, so nothing here cancels one.
 */
@Component
class BreakGlassReviewSchedule {

    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> task;

    BreakGlassReviewSchedule(
            SchedulerClient scheduler, @Qualifier("breakGlassReviewDeadlineTask") OneTimeTask<Void> task) {
        this.scheduler = scheduler;
        this.task = task;
    }

    void at(String requestId, Instant due) {
        scheduler.scheduleIfNotExists(task.instance(requestId), due);
    }
}
