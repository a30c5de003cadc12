package io.countersign.audit;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import java.time.Duration;
import java.time.Instant;

/**
 * Every {@code interval} after the previous run, the first one an interval after the task is first
 * scheduled rather than at once: a start is not a reason for a checkpoint, and instances restarting
 * in turn would otherwise each add one.
 */
record CheckpointSchedule(Duration interval) implements Schedule {

    @Override
    public Instant getInitialExecutionTime(Instant now) {
        return now.plus(interval);
    }

    @Override
    public Instant getNextExecutionTime(ExecutionComplete executionComplete) {
        return executionComplete.getTimeDone().plus(interval);
    }

    @Override
    public boolean isDeterministic() {
        return false;
    }
}
