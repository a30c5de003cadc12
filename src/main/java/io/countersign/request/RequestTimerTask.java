package io.countersign.request;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Runs the request timers through the scheduler's task table, so exactly one instance sweeps at a time. */
@Configuration(proxyBeanMethods = false)
class RequestTimerTask {

    @Bean
    RecurringTask<Void> requestTimersTask(RequestTimers timers, RequestProperties properties) {
        return Tasks.recurring("request-timers", FixedDelay.of(properties.timerInterval()))
                .execute((instance, context) -> timers.sweep());
    }
}
