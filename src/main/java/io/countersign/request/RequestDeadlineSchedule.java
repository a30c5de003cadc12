package io.countersign.request;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.countersign.shared.scheduling.NewTimers;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Schedules one db-scheduler task for each instant at which a request's time runs out — its
 * time-to-live, a step's deadline, an escalated step's fresh deadline — in the transaction that sets
 * that instant, so the task exists exactly when the deadline does. Whichever instance polls first
 * runs it, once, within about a polling interval of its due time. The task only asks the timers to
 * apply what is due; a request decided in the meantime makes it do nothing, which is why nothing
 * here cancels a task.
 *
 * <p>A deadline may fall on an instant already scheduled for the same request (a step deadline at the
 * time-to-live), which then shares the timer: {@code scheduleIfNotExists} looks first. The time-to-live
 * is the first instant a new request schedules, so nothing can be there yet: it is inserted without
 * the look, with the transaction's last writes ({@link NewTimers}).
 */
@Component
class RequestDeadlineSchedule {

    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> task;
    private final NewTimers newTimers;

    RequestDeadlineSchedule(
            SchedulerClient scheduler,
            @Qualifier("requestDeadlineTask") OneTimeTask<Void> requestDeadlineTask,
            NewTimers newTimers) {
        this.scheduler = scheduler;
        this.task = requestDeadlineTask;
        this.newTimers = newTimers;
    }

    @EventListener
    void on(RequestCreated created) {
        Instant due = created.expiresAt();
        if (due != null) {
            newTimers.schedule(List.of(
                    SchedulableInstance.of(task.instance(RequestTimerTask.instanceId(created.requestId(), due)), due)));
        }
    }

    @EventListener
    void on(RequestStepStarted started) {
        schedule(started.requestId(), started.deadline());
    }

    @EventListener
    void on(RequestStepEscalated escalated) {
        schedule(escalated.requestId(), escalated.deadline());
    }

    private void schedule(String requestId, Instant due) {
        if (due != null) {
            scheduler.scheduleIfNotExists(task.instance(RequestTimerTask.instanceId(requestId, due)), due);
        }
    }
}
