package io.countersign.shared.scheduling;

import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.Pipelined;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Schedules db-scheduler executions of task instances that cannot exist yet, because their ids name
 * something the current transaction has just created (a request's time-to-live, a new grant's end),
 * with the transaction's last writes ({@link CommitWrites}) instead of in a round trip of their own.
 * The row is the one {@code SchedulerClient.scheduleBatch} inserts, so the scheduler picks it up
 * alike. Only instances without data, whose ids name their due time: an instance that the same
 * transaction has scheduled already (a step deadline at a new request's time-to-live) is the same
 * timer, and is kept as it is.
 */
@Component
public class NewTimers {

    private final CommitWrites commitWrites;
    private final Clock clock;

    NewTimers(CommitWrites commitWrites, Clock clock) {
        this.commitWrites = commitWrites;
        this.clock = clock;
    }

    public void schedule(List<SchedulableInstance<?>> timers) {
        List<Pipelined<?>> inserts = new ArrayList<>(timers.size());
        for (SchedulableInstance<?> timer : timers) {
            TaskInstance<?> instance = timer.getTaskInstance();
            if (instance.getData() != null) {
                throw new IllegalArgumentException("only task instances without data: " + instance);
            }
            inserts.add(Pipelined.change(
                    """
                    insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked, version,
                        priority)
                    values (?, ?, null, ?, false, 1, ?) on conflict do nothing""",
                    Arrays.asList(
                            instance.getTaskName(),
                            instance.getId(),
                            Timestamps.toDb(timer.getNextExecutionTime(clock.instant())),
                            instance.getPriority())));
        }
        commitWrites.add(inserts);
    }
}
