package io.countersign.notify.internal;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.DeadExecutionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.util.Set;
import java.util.TreeSet;

/**
 * Sends one notification channel's deliveries: an execution per channel (its instance id is the
 * channel, such as {@code EMAIL}), each run by one instance at a time and due again {@code
 * countersign.notifications.delivery-interval} after it ends, like a recurring task, or sooner when a
 * commit queues deliveries for the channel ({@link DeliveryWakes}). Executions are
 * added on startup for every installed sender and for any channel that still has deliveries waiting,
 * so that those of a sender no longer installed still run out their retries.
 */
class NotificationDeliveryTask extends CustomTask<Void> {

    static final String NAME = "notification-delivery";

    private final FixedDelay interval;
    private final DeliveryDispatcher dispatcher;
    private final NotificationSenders senders;
    private final DueDeliveries deliveries;

    NotificationDeliveryTask(
            DeliveryDispatcher dispatcher, NotificationSenders senders, DueDeliveries deliveries, FixedDelay interval) {
        super(
                NAME,
                Void.class,
                null,
                now -> now,
                new FailureHandler.OnFailureReschedule<>(interval),
                new DeadExecutionHandler.ReviveDeadExecution<>());
        this.interval = interval;
        this.dispatcher = dispatcher;
        this.senders = senders;
        this.deliveries = deliveries;
    }

    @Override
    public CompletionHandler<Void> execute(TaskInstance<Void> instance, ExecutionContext context) {
        try {
            dispatcher.deliverDue(instance.getId());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new CompletionHandler.OnCompleteReschedule<>(interval);
    }

    @Override
    public void onStartup(SchedulerClient scheduler, Clock clock) {
        Set<String> channels = new TreeSet<>(senders.channels());
        channels.addAll(deliveries.notificationChannelsPending());
        for (String channel : channels) {
            scheduler.scheduleIfNotExists(instance(channel), clock.now());
        }
    }
}
