package io.countersign.request;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the request timers through the scheduler's task table, so each runs on exactly one instance:
 * a one-time task per deadline, whose instance id is {@code <request id>@<due instant>}, and the
 * recurring sweep as the safety net.
 *
 * <p>A deadline task that finds its request's row held looks again {@link #HELD_RETRY} later. The
 * holder is most often a decision, which settles an overdue step itself; but one that read the time
 * just before the deadline commits with the step still open, and the sweep would then close it up
 * to a whole {@code timer-interval} late.
 */
@Configuration(proxyBeanMethods = false)
class RequestTimerTask {

    static final String DEADLINE_TASK = "request-deadline";
    static final Duration HELD_RETRY = Duration.ofSeconds(2);

    @Bean
    RecurringTask<Void> requestTimersTask(RequestTimers timers, RequestProperties properties) {
        return Tasks.recurring("request-timers", FixedDelay.of(properties.timerInterval()))
                .execute((instance, context) -> timers.sweep());
    }

    @Bean
    OneTimeTask<Void> requestDeadlineTask(RequestTimers timers, Clock clock) {
        return Tasks.oneTime(DEADLINE_TASK).execute((instance, context) -> {
            String requestId = requestIdOf(instance.getId());
            if (timers.fire(requestId) == RequestTimers.Fired.HELD) {
                Instant again = clock.instant().plus(HELD_RETRY);
                context.getSchedulerClient()
                        .scheduleIfNotExists(
                                new TaskInstance<Void>(DEADLINE_TASK, instanceId(requestId, again)), again);
            }
        });
    }

    static String instanceId(String requestId, Instant due) {
        return requestId + "@" + due;
    }

    static String requestIdOf(String instanceId) {
        return instanceId.substring(0, instanceId.indexOf('@'));
    }
}
