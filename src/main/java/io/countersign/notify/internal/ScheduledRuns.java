package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes a channel's db-scheduler execution due now, in its row of {@code scheduled_tasks}, unless an
 * instance is running it: only a row nobody has picked is moved, in one conditional update, so the
 * scheduler's own guarantee stays whole that one instance at a time runs a channel and so attempts
 * its deliveries. The version is raised as the scheduler's own updates do, so that an instance
 * holding the row as it was before cannot pick it on that stale reading. Times are the scheduler's,
 * the clock that decides when an execution is due.
 */
final class ScheduledRuns implements DeliveryWaker.Runs {

    private final JdbcClient jdbc;
    private final Clock schedulerClock;

    ScheduledRuns(JdbcClient jdbc, Clock schedulerClock) {
        this.jdbc = jdbc;
        this.schedulerClock = schedulerClock;
    }

    @Override
    public DeliveryWaker.Outcome makeDue(String channel) {
        TaskInstanceId run = DeliveryTasks.runOf(channel);
        Instant now = schedulerClock.now();
        int moved = jdbc.sql("""
                        update scheduled_tasks set execution_time = ?, version = version + 1
                        where task_name = ? and task_instance = ? and picked = false and execution_time > ?""")
                .params(Timestamps.toDb(now), run.getTaskName(), run.getId(), Timestamps.toDb(now))
                .update();
        if (moved == 1) {
            return DeliveryWaker.Outcome.DUE;
        }
        // due already, running, or not there at all
        return jdbc.sql("select picked from scheduled_tasks where task_name = ? and task_instance = ?")
                .params(run.getTaskName(), run.getId())
                .query(Boolean.class)
                .optional()
                .map(picked -> picked ? DeliveryWaker.Outcome.RUNNING : DeliveryWaker.Outcome.DUE)
                .orElse(DeliveryWaker.Outcome.ABSENT);
    }
}
