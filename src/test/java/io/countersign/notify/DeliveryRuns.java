package io.countersign.notify;

import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.test.context.TestComponent;

/** Counts the finished runs of each notification channel's delivery execution, so tests can wait for the next one. */
@TestComponent
public class DeliveryRuns extends AbstractSchedulerListener {

    private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

    @Override
    public void onExecutionComplete(ExecutionComplete complete) {
        if (complete.getExecution().getTaskName().equals("notification-delivery")) {
            finished.computeIfAbsent(complete.getExecution().getId(), c -> new AtomicInteger())
                    .incrementAndGet();
        }
    }

    public int finished(String channel) {
        AtomicInteger runs = finished.get(channel);
        return runs == null ? 0 : runs.get();
    }
}
