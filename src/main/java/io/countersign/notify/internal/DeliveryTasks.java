package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.countersign.notify.Delivery;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The db-scheduler tasks behind delivery. A recurring task has one row in {@code scheduled_tasks};
 * whichever instance picks it runs it, the others skip it. A run only claims and hands over the sends it
 * starts (docs/adr/0041): the claim keeps a delivery to one attempt at a time. Webhooks have a recurring task of their own, and each notification channel an
 * execution of {@link NotificationDeliveryTask}, so that no channel waits behind another. Due times
 * live in the delivery rows and follow the service's clock. A commit that queues deliveries brings
 * its channels' executions forward ({@link DeliveryWakes}); the fixed delay is what is left when none
 * does: retries, and deliveries whose wake was lost.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryTasks {

    static final String DELIVERY_TASK = "webhook-delivery";
    static final String RETENTION_TASK = "webhook-retention";

    /** The execution that sends the channel's deliveries: the webhooks' recurring task, or the channel's own. */
    static TaskInstanceId runOf(String channel) {
        return Delivery.WEBHOOK.equals(channel)
                ? TaskInstanceId.of(DELIVERY_TASK, RecurringTask.INSTANCE)
                : TaskInstanceId.of(NotificationDeliveryTask.NAME, channel);
    }

    @Bean
    RecurringTask<Void> webhookDeliveryTask(DeliveryDispatcher dispatcher, NotificationProperties properties) {
        return Tasks.recurring(DELIVERY_TASK, FixedDelay.of(properties.deliveryInterval()))
                .execute((instance, context) -> {
                    try {
                        dispatcher.deliverDue(Delivery.WEBHOOK);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
    }

    @Bean
    NotificationDeliveryTask notificationDeliveryTask(
            DeliveryDispatcher dispatcher,
            NotificationSenders senders,
            DueDeliveries deliveries,
            NotificationProperties properties) {
        return new NotificationDeliveryTask(
                dispatcher, senders, deliveries, FixedDelay.of(properties.deliveryInterval()));
    }

    @Bean
    RecurringTask<Void> webhookRetentionTask(DeliveryRetention retention) {
        return Tasks.recurring(RETENTION_TASK, FixedDelay.ofHours(1)).execute((instance, context) -> retention.purge());
    }
}
