package io.countersign.notify;

import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;

/**
 * Counts the finished runs of each notification channel's delivery execution, and of the webhooks'
 * task (as channel {@code WEBHOOK}), so tests can wait for the next one.
 */
@TestComponent
public class DeliveryRuns extends AbstractSchedulerListener {

    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    @Override
    public void onExecutionComplete(ExecutionComplete complete) {
        String task = complete.getExecution().getTaskName();
        if (task.equals("notification-delivery")) {
            count(complete.getExecution().getId());
        } else if (task.equals("webhook-delivery")) {
            count(Delivery.WEBHOOK);
        }
    }

    private void count(String channel) {
        finished.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet();
    }

    public int finished(String channel) {
        AtomicInteger runs = finished.get(channel);
        return runs == null ? 0 : runs.get();
    }
}
