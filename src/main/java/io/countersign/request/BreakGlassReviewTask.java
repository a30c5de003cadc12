package io.countersign.request;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * Runs break-glass review deadlines through the scheduler's task table: a one-time task per review,
 * whose instance id is the request id, and a recurring sweep as the safety net.
 */
@Configuration(proxyBeanMethods = false)
class BreakGlassReviewTask {

    @Bean
    RecurringTask<Void> breakGlassReviewSweepTask(@Lazy BreakGlassReviews reviews, RequestProperties properties) {
        return Tasks.recurring("breakglass-review-sweep", FixedDelay.of(properties.timerInterval()))
                .execute((instance, context) -> reviews.sweep());
    }

    @Bean
    OneTimeTask<Void> breakGlassReviewDeadlineTask(@Lazy BreakGlassReviews reviews) {
        return Tasks.oneTime("breakglass-review-deadline")
                .execute((instance, context) -> reviews.fire(instance.getId()));
    }
}
