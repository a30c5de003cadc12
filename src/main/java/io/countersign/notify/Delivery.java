package io.countersign.notify;

import java.time.Instant;
import java.util.List;

/**
 * One event on its way to one endpoint, or one notification on its way to one person on one channel,
 * with every attempt made so far (oldest first). The event id stays the same on every attempt and
 * redelivery so that receivers can drop duplicates. A webhook delivery has channel {@code WEBHOOK}
 * and a {@code webhookId}; a notification has a recipient (user id and, for display, username), its
 * kind as {@code type}, and the request, grant and step it is about where they apply.
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
        List<DeliveryAttempt> attempts,
        String channel,
        String recipientId,
        String recipient,
        String requestId,
        String grantId,
        Integer step) {

    /** The channel of webhook deliveries. */
    public static final String WEBHOOK = "WEBHOOK";

    public Delivery {
        attempts = List.copyOf(attempts);
    }

    public boolean isWebhook() {
        return WEBHOOK.equals(channel);
    }

    public Delivery withAttempts(List<DeliveryAttempt> all) {
        return new Delivery(
                id,
                webhookId,
                eventId,
                type,
                occurredAt,
                state,
                createdAt,
                nextAttemptAt,
                deliveredAt,
                lastStatusCode,
                lastError,
                all,
                channel,
                recipientId,
                recipient,
                requestId,
                grantId,
                step);
    }
}
