package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler tasks behind webhook delivery. A recurring task has one row in {@code
 * scheduled_tasks}; whichever instance picks it runs it, the others skip it, so each due delivery is
 * attempted by one instance only. Due times live in the delivery rows and follow the service's clock.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryTasks {

    static final String DELIVERY_TASK = "webhook-delivery";
    static final String RETENTION_TASK = "webhook-retention";
    private static final Logger log = LoggerFactory.getLogger(DeliveryTasks.class);

    @Bean
    RecurringTask<Void> webhookDeliveryTask(DeliveryDispatcher dispatcher) {
        return Tasks.recurring(DELIVERY_TASK, FixedDelay.ofSeconds(1)).execute((instance, context) -> {
            try {
                dispatcher.deliverDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Bean
    RecurringTask<Void> webhookRetentionTask(DeliveryStore deliveries, WebhookProperties properties, Clock clock) {
        return Tasks.recurring(RETENTION_TASK, FixedDelay.ofHours(1)).execute((instance, context) -> {
            int purged = deliveries.purge(clock.instant().minus(properties.retention()));
            if (purged > 0) {
                log.info("Purged {} delivered webhook events older than {}", purged, properties.retention());
            }
        });
    }
}
