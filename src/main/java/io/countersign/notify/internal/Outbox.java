package io.countersign.notify.internal;

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
 * Writes one delivery per subscribed endpoint in the transaction that publishes the event, so that
 * a change and its notifications commit or roll back together. Sending happens later, from the
 * stored body, which is why every attempt carries exactly the same event.
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

    @EventListener
    @Transactional
    void on(AuditableEvent event) {
        EventMapping.of(event.action()).forEach(mapped -> {
            String type = mapped.type().wireName();
            List<String> subscribers = webhooks.subscribersOf(type);
            if (subscribers.isEmpty()) {
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            String eventId = UUID.randomUUID().toString();
            String body = json.writeValueAsString(body(eventId, type, now, event, mapped.reason()));
            for (String webhookId : subscribers) {
                deliveries.enqueue(webhookId, eventId, type, now, body, now);
            }
        });
    }

    private static Map<String, Object> body(
            String eventId, String type, Instant occurredAt, AuditableEvent event, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("requestId", event.requestId());
        data.put("grantId", event.grantId());
        data.put("actor", event.actor().username());
        data.put("channel", event.actor().channel().name());
        data.put("note", event.note());
        if (reason != null) {
            data.put("reason", reason);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", eventId);
        body.put("type", type);
        body.put("occurredAt", occurredAt.toString());
        body.put("data", data);
        return body;
    }
}
