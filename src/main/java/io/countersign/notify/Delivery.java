package io.countersign.notify;

import java.time.Instant;
import java.util.List;

/**
 * One event on its way to one endpoint, with every attempt made so far (oldest first). The event id
 * stays the same on every attempt and redelivery so that receivers can drop duplicates.
 */
public record Delivery(
        String id,
        String webhookId,
        String eventId,
        String type,
        Instant occurredAt,
        DeliveryState state,
        Instant createdAt,
        Instant nextAttemptAt,
        Instant deliveredAt,
        Integer lastStatusCode,
        String lastError,
        List<DeliveryAttempt> attempts) {

    public Delivery {
        attempts = List.copyOf(attempts);
    }
}
