package io.countersign.request;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the request timers through the scheduler's task table, so each runs on exactly one instance:
 * a one-time task per deadline, whose instance id is {@code <request id>@<due instant>}, and the
 * recurring sweep as the safety net.
 */
@Configuration(proxyBeanMethods = false)
class RequestTimerTask {

    static final String DEADLINE_TASK = "request-deadline";

    @Bean
    RecurringTask<Void> requestTimersTask(RequestTimers timers, RequestProperties properties) {
        return Tasks.recurring("request-timers", FixedDelay.of(properties.timerInterval()))
                .execute((instance, context) -> timers.sweep());
    }

    @Bean
    OneTimeTask<Void> requestDeadlineTask(RequestTimers timers) {
        return Tasks.oneTime(DEADLINE_TASK).execute((instance, context) -> timers.fire(requestIdOf(instance.getId())));
    }

    static String instanceId(String requestId, Instant due) {
        return requestId + "@" + due;
    }

    static String requestIdOf(String instanceId) {
        return instanceId.substring(0, instanceId.indexOf('@'));
    }
}
