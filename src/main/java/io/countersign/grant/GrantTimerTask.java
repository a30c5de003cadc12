package io.countersign.grant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.countersign.request.RequestProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the grant timers through the scheduler's task table, so exactly one instance sweeps at a time. */
@Configuration(proxyBeanMethods = false)
class GrantTimerTask {

    @Bean
    RecurringTask<Void> grantTimersTask(GrantTimers timers, RequestProperties properties) {
        return Tasks.recurring("grant-timers", FixedDelay.of(properties.timerInterval()))
                .execute((instance, context) -> timers.sweep());
    }
}
