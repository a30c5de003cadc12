package io.countersign.shared.scheduling;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.Execution;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Measures how late db-scheduler starts each execution: from the time it was due to the time an
 * instance began running it, per task ({@code countersign.scheduler.execution.lateness}, tag {@code
 * task}). Request deadlines, grant ends and deliveries all run as such executions, so a growing figure
 * means timers fire late, whatever the cause: the polling interval, busy executor threads, a slow
 * database or an instance that was down. Measured on the scheduler's own clock, the one that decides
 * when an execution is due.
 */
@Component
class SchedulerLateness extends AbstractSchedulerListener {

    static final String METER = "countersign.scheduler.execution.lateness";

    private final Clock clock;
    private final MeterRegistry meters;

    /**
     * The scheduler's clock is looked up at the first execution: it is defined next to the scheduler,
     * which needs this listener to be built first.
     */
    @Autowired
    SchedulerLateness(ObjectProvider<Clock> schedulerClock, MeterRegistry meters) {
        this(() -> schedulerClock.getIfAvailable(() -> Instant::now).now(), meters);
    }

    SchedulerLateness(Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public void onExecutionStart(CurrentlyExecuting executing) {
        Execution execution = executing.getExecution();
        Duration late = Duration.between(execution.getExecutionTime(), clock.now());
        Timer.builder(METER)
                .description("From the time a scheduled execution was due to the time it started, per task")
                .tag("task", execution.getTaskName())
                .publishPercentileHistogram()
                .register(meters)
                .record(late.isNegative() ? Duration.ZERO : late);
    }
}
