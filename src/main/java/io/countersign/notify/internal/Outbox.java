package io.countersign.notify.internal;

import io.countersign.audit.AuditCheckpoint;
import io.countersign.audit.AuditCheckpointed;
import io.countersign.notify.EventType;
import io.countersign.shared.AuditableEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one webhook delivery per subscribed endpoint in the transaction that publishes the event, so
 * that a change and its webhooks commit or roll back together. Sending happens later, from the stored
 * body, which is why every attempt carries exactly the same event. {@link WebhookEvents} says which
 * events are webhook events.
 */
@Component
class Outbox {

    private final WebhookStore webhooks;
    private final DeliveryStore deliveries;
    private final JsonMapper json;
    private final Clock clock;

    Outbox(WebhookStore webhooks, DeliveryStore deliveries, JsonMapper json, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.json = json;
        this.clock = clock;
    }

    /** Sends a request or grant event with who did it and the audit note; {@code reason} may be null. */
    @Transactional
    void publish(EventType type, AuditableEvent event, String reason) {
        publish(type, event, reason, Map.of());
    }

    /** As {@link #publish(EventType, AuditableEvent, String)}, with {@code more} added to the data. */
    void publish(EventType type, AuditableEvent event, String reason, Map<String, Object> more) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", event.requestId());
        data.put("grantId", event.grantId());
        data.put("actor", event.actor().username());
        data.put("channel", event.actor().channel().name());
        data.put("note", event.note());
        if (reason != null) {
            data.put("reason", reason);
        }
        data.putAll(more);
        enqueue(type, data);
    }

    /** The signed chain head, so that receivers keep a copy outside the database. */
    @EventListener
    @Transactional
    void on(AuditCheckpointed event) {
        AuditCheckpoint checkpoint = event.checkpoint();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("at", checkpoint.at().toString());
        data.put("events", checkpoint.events());
        data.put("headHash", checkpoint.headHash());
        data.put("keyId", checkpoint.keyId());
        data.put("algorithm", event.key().algorithm());
        data.put("signature", checkpoint.signature());
        enqueue(EventType.AUDIT_CHECKPOINT, data);
    }

    private void enqueue(EventType eventType, Map<String, Object> data) {
        String type = eventType.wireName();
        List<String> subscribers = webhooks.subscribersOf(type);
        if (subscribers.isEmpty()) {
            return;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("occurredAt", now.toString());
        body.put("data", data);
        String payload = json.writeValueAsString(body);
        deliveries.enqueue(
                subscribers,
                eventId,
                type,
                now,
                payload,
                (String) data.get("requestId"),
                (String) data.get("grantId"),
                now);
    }
}
