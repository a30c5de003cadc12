package io.countersign.notify;

import io.countersign.notify.internal.DeliveryStore;
import io.countersign.notify.internal.WebhookStore;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import java.time.Clock;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What happened to the events sent to an endpoint, and sending a dead letter again. */
@Service
public class WebhookDeliveries {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    WebhookDeliveries(DeliveryStore deliveries, WebhookStore webhooks, Clock clock, ApplicationEventPublisher events) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.clock = clock;
        this.events = events;
    }

    /**
     * Newest first, each with its attempts.
     *
     * @param state only deliveries in this state ({@code DEAD} lists the dead letters), or null for all
     * @param cursor {@code nextCursor} of the previous page, or null for the first
     * @param limit page size, 1 to {@value #MAX_LIMIT}; null for {@value #DEFAULT_LIMIT}
     */
    @Transactional(readOnly = true)
    public DeliveryPage list(String webhookId, DeliveryState state, String cursor, Integer limit) {
        Problems problems = new Problems();
        int size = limit == null ? DEFAULT_LIMIT : limit;
        problems.check(size >= 1 && size <= MAX_LIMIT, "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        Long before = parseCursor(problems, cursor);
        problems.throwIfAny();
        if (webhooks.url(webhookId).isEmpty()) {
            throw new NotFoundException("webhook", webhookId);
        }
        List<DeliveryStore.Stored> rows = deliveries.page(webhookId, state, before, size + 1);
        boolean more = rows.size() > size;
        List<DeliveryStore.Stored> page = more ? rows.subList(0, size) : rows;
        String next = more ? Long.toString(page.get(page.size() - 1).seq()) : null;
        return new DeliveryPage(
                page.stream().map(DeliveryStore.Stored::delivery).toList(), next);
    }

    @Transactional(readOnly = true)
    public Delivery get(String deliveryId) {
        return deliveries
                .find(deliveryId)
                .map(DeliveryStore.Stored::delivery)
                .orElseThrow(() -> new NotFoundException("delivery", deliveryId));
    }

    /**
     * Queues a dead letter again, due now and with a fresh round of retries; the event id and body
     * are the original ones. Refused unless the delivery is dead.
     */
    @Transactional
    public Delivery redeliver(Actor actor, String deliveryId) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators redeliver webhook events.");
        }
        DeliveryState state =
                deliveries.lockState(deliveryId).orElseThrow(() -> new NotFoundException("delivery", deliveryId));
        if (state != DeliveryState.DEAD) {
            throw new ConflictException(
                    "Delivery '" + deliveryId + "' is " + state + "; only dead deliveries can be sent again.");
        }
        deliveries.revive(deliveryId, clock.instant());
        Delivery revived = get(deliveryId);
        events.publishEvent(
                new WebhookRedelivered(actor, revived.webhookId(), deliveryId, revived.eventId(), revived.type()));
        return revived;
    }

    private static Long parseCursor(Problems problems, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(cursor);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("cursor", "invalid_cursor", "is not a cursor this list returned");
        return null;
    }
}
