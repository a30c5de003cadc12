package io.countersign.notify;

import io.countersign.shared.AuditableEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.event.EventListener;

/** Every audited event the application publishes, from any thread (the delivery task's included). */
@TestComponent
public class RecordedEvents {

    private final List<AuditableEvent> events = new CopyOnWriteArrayList<>();

    @EventListener
    void on(AuditableEvent event) {
        events.add(event);
    }

    public List<AuditableEvent> about(String target) {
        return events.stream().filter(e -> target.equals(e.target())).toList();
    }

    public List<String> actionsAbout(String target) {
        return about(target).stream().map(AuditableEvent::action).toList();
    }
}
