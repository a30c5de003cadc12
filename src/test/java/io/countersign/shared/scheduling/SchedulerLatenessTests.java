package io.countersign.shared.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.CurrentlyExecuting;
import com.github.kagkarlsson.scheduler.HeartbeatConfig;
import com.github.kagkarlsson.scheduler.task.Execution;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.testhelper.SettableClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SchedulerLatenessTests {

    private static final HeartbeatConfig HEARTBEAT =
            new HeartbeatConfig(Duration.ofSeconds(10), 6, Duration.ofMinutes(1));

    private final SettableClock clock = new SettableClock();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SchedulerLateness lateness = new SchedulerLateness(clock, meters);

    @Test
    void anExecutionStartedAfterItsDueTimeIsRecordedAsThatLateForItsTask() {
        Instant due = Instant.parse("2026-11-30T10:00:00Z");
        clock.set(due.plusMillis(2_500));

        lateness.onExecutionStart(started("request-timer", due));
        clock.set(due.plusSeconds(7));
        lateness.onExecutionStart(started("request-timer", due));
        lateness.onExecutionStart(started("webhook-delivery", due.plusSeconds(6)));

        Timer timers =
                meters.get(SchedulerLateness.METER).tag("task", "request-timer").timer();
        assertThat(timers.count()).isEqualTo(2);
        assertThat(timers.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(9_500);
        assertThat(timers.max(TimeUnit.MILLISECONDS)).isEqualTo(7_000);
        Timer deliveries = meters.get(SchedulerLateness.METER)
                .tag("task", "webhook-delivery")
                .timer();
        assertThat(deliveries.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(1_000);
    }

    @Test
    void anExecutionPickedBeforeItsDueTimeCountsAsOnTime() {
        Instant due = Instant.parse("2026-11-30T10:00:00Z");
        clock.set(due.minusMillis(300));

        lateness.onExecutionStart(started("grant-timer", due));

        Timer timer =
                meters.get(SchedulerLateness.METER).tag("task", "grant-timer").timer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isZero();
    }

    private CurrentlyExecuting started(String task, Instant due) {
        return new CurrentlyExecuting(new Execution(due, new TaskInstance<>(task, "1")), clock, HEARTBEAT);
    }
}
