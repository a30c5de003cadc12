package io.countersign.notify;

import io.countersign.notify.internal.DeliveryFilter;
import io.countersign.notify.internal.DeliveryLists;
import io.countersign.notify.internal.WebhookStore;
import io.countersign.shared.Actor;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What happened to the events sent to an endpoint, and sending a dead letter again. */
@Service
public class WebhookDeliveries {

    public static final int DEFAULT_LIMIT = DeliveryLists.DEFAULT_LIMIT;
    public static final int MAX_LIMIT = DeliveryLists.MAX_LIMIT;

    private final DeliveryLists lists;
    private final WebhookStore webhooks;
    private final ApplicationEventPublisher events;

    WebhookDeliveries(DeliveryLists lists, WebhookStore webhooks, ApplicationEventPublisher events) {
        this.lists = lists;
        this.webhooks = webhooks;
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
        DeliveryLists.Page page = lists.checkPage(problems, "webhook:" + webhookId, cursor, limit);
        problems.throwIfAny();
        if (webhooks.url(webhookId).isEmpty()) {
            throw new NotFoundException("webhook", webhookId);
        }
        return lists.page(DeliveryFilter.webhook(webhookId, state), page);
    }

    @Transactional(readOnly = true)
    public Delivery get(String deliveryId) {
        return lists.get(deliveryId, Delivery::isWebhook);
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
        Delivery revived = lists.revive(deliveryId, Delivery::isWebhook);
        events.publishEvent(
                new WebhookRedelivered(actor, revived.webhookId(), deliveryId, revived.eventId(), revived.type()));
        return revived;
    }
}
