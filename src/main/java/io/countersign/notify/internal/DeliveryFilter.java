package io.countersign.notify.internal;

import io.countersign.notify.DeliveryState;

/** Which deliveries a list shows: one webhook's, or the notifications, optionally narrowed. */
public record DeliveryFilter(
        String webhookId, boolean notifications, DeliveryState state, String recipientId, String channel) {

    public static DeliveryFilter webhook(String webhookId, DeliveryState state) {
        return new DeliveryFilter(webhookId, false, state, null, null);
    }

    public static DeliveryFilter notifications(DeliveryState state, String recipientId, String channel) {
        return new DeliveryFilter(null, true, state, recipientId, channel);
    }
}
