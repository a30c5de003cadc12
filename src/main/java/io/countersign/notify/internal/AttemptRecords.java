package io.countersign.notify.internal;

import io.countersign.notify.DeliveryState;
import io.countersign.notify.NotificationDeliveryDead;
import io.countersign.notify.WebhookDeliveryDead;
import io.countersign.shared.Actor;
import io.countersign.shared.Counted;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Records what an attempt came to: delivered, skipped, due again on the retry schedule, or dead, which
 * is logged and published for the audit trail.
 */
@Component
class AttemptRecords {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecords.class);

    private final DueDeliveries deliveries;
    private final RetrySchedule schedule;
    private final ApplicationEventPublisher events;

    AttemptRecords(DueDeliveries deliveries, WebhookProperties properties, ApplicationEventPublisher events) {
        this.deliveries = deliveries;
        this.schedule = properties.retrySchedule();
        this.events = events;
    }

    void record(DueDeliveries.Due due, Instant at, AttemptResult result, long durationMs, String destination) {
        if (result.succeeded()) {
            deliveries.recordAttempt(due, at, DeliveryState.DELIVERED, result.statusCode(), null, durationMs, null);
            return;
        }
        if (result.skipped()) {
            // nothing failed: no dead letter, no warning and no audit entry, only the delivery's own record
            deliveries.recordAttempt(
                    due, at, DeliveryState.SKIPPED, result.statusCode(), result.error(), durationMs, null);
            return;
        }
        Optional<Instant> next = result.permanent()
                ? Optional.empty()
                : schedule.nextAttempt(
                                due.roundStartedAt(),
                                at,
                                due.roundAttempts() + 1,
                                ThreadLocalRandom.current().nextDouble())
                        .map(scheduled -> RetrySchedule.notBefore(
                                scheduled,
                                at,
                                result.retryAfter(),
                                due.roundStartedAt().plus(schedule.retryFor())));
        DeliveryState state = next.isPresent() ? DeliveryState.PENDING : DeliveryState.DEAD;
        boolean recorded = deliveries.recordAttempt(
                due, at, state, result.statusCode(), result.error(), durationMs, next.orElse(null));
        if (recorded && state == DeliveryState.DEAD) {
            gaveUp(due, result, destination);
        }
    }

    private void gaveUp(DueDeliveries.Due due, AttemptResult result, String destination) {
        int attempts = due.attempts() + 1;
        if (due.isWebhook()) {
            log.warn(
                    "Gave up delivering {} event {} to webhook {} after {}: {}",
                    due.type(),
                    due.eventId(),
                    due.webhookId(),
                    Counted.of(attempts, "attempt"),
                    result.error());
            events.publishEvent(new WebhookDeliveryDead(
                    Actor.system(), due.webhookId(), due.id(), due.eventId(), due.type(), attempts));
            return;
        }
        log.warn(
                "Gave up delivering {} notification {} {} after {}: {}",
                due.type(),
                due.eventId(),
                whereTo(due, destination),
                Counted.of(attempts, "attempt"),
                result.error());
        events.publishEvent(new NotificationDeliveryDead(
                Actor.system(),
                due.id(),
                due.type(),
                due.channel(),
                due.recipientId(),
                due.recipient(),
                due.requestId(),
                due.grantId(),
                attempts,
                result.error()));
    }

    /**
     * Where the delivery goes, for the log: a webhook, a person, or a chat channel for a message posted
     * where everybody sees it, which has no person.
     */
    static String whereTo(DueDeliveries.Due due, String destination) {
        if (due.isWebhook()) {
            return "to webhook " + due.webhookId();
        }
        if (due.recipientId() != null) {
            return "to user " + due.recipientId() + " on " + due.channel();
        }
        return destination != null ? "to chat channel " + destination + " on " + due.channel() : "on " + due.channel();
    }
}
