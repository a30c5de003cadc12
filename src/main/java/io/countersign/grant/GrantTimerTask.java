package io.countersign.grant;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the grant timers through the scheduler's task table, so each runs on exactly one instance: a
 * one-time task per start and end, whose instance id is {@code <grant id>@<due instant>}, and the
 * recurring sweep as the safety net.
 */
@Configuration(proxyBeanMethods = false)
class GrantTimerTask {

    static final String DUE_TASK = "grant-timer";

    @Bean
    RecurringTask<Void> grantTimersTask(GrantTimers timers, GrantProperties properties) {
        return Tasks.recurring("grant-timers", FixedDelay.of(properties.timerInterval()))
                .execute((instance, context) -> timers.sweep());
    }

    @Bean
    OneTimeTask<Void> grantDueTask(GrantTimers timers) {
        return Tasks.oneTime(DUE_TASK).execute((instance, context) -> timers.fire(grantIdOf(instance.getId())));
    }

    static String instanceId(String grantId, Instant due) {
        return grantId + "@" + due;
    }

    static String grantIdOf(String instanceId) {
        return instanceId.substring(0, instanceId.indexOf('@'));
    }
}
