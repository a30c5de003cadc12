package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.List;

/** An endpoint was configured; {@code destination} is its URL's scheme, host and port only (see WebhookUrls). */
public record WebhookCreated(Actor actor, String webhookId, String destination, List<String> events)
        implements AuditableEvent {

    public WebhookCreated {
        events = List.copyOf(events);
    }

    @Override
    public String action() {
        return "webhook.created";
    }

    @Override
    public String target() {
        return "webhook:" + webhookId;
    }

    @Override
    public String note() {
        return destination + " for " + String.join(", ", events);
    }
}
