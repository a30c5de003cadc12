package io.countersign.web.api;

import io.countersign.notify.Delivery;
import io.countersign.notify.DeliveryAttempt;
import io.countersign.notify.DeliveryState;
import java.time.Instant;
import java.util.List;

/**
 * One event's delivery to one webhook, or one notification's to one person on one channel, with every
 * attempt, oldest first. {@code channel} is {@code WEBHOOK} for webhooks; {@code recipient} (a
 * username) is set for notifications; {@code requestId} and {@code grantId} name what the event is
 * about, where it is about a request or a grant.
 */
record DeliveryResponse(
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
        List<AttemptResponse> attempts,
        String channel,
        String recipient,
        String requestId,
        String grantId,
        Integer step) {

    record AttemptResponse(
            int number,
            Instant attemptedAt,
            boolean succeeded,
            Integer statusCode,
            String error,
            long durationMs,
            Instant nextAttemptAt) {

        static AttemptResponse of(DeliveryAttempt a) {
            return new AttemptResponse(
                    a.number(),
                    a.attemptedAt(),
                    a.succeeded(),
                    a.statusCode(),
                    a.error(),
                    a.durationMs(),
                    a.nextAttemptAt());
        }
    }

    static DeliveryResponse of(Delivery d) {
        return new DeliveryResponse(
                d.id(),
                d.webhookId(),
                d.eventId(),
                d.type(),
                d.occurredAt(),
                d.state(),
                d.createdAt(),
                d.nextAttemptAt(),
                d.deliveredAt(),
                d.lastStatusCode(),
                d.lastError(),
                d.attempts().stream().map(AttemptResponse::of).toList(),
                d.channel(),
                d.recipient(),
                d.requestId(),
                d.grantId(),
                d.step());
    }
}
