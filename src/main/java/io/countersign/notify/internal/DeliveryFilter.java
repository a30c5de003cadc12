package io.countersign.notify.internal;

import io.countersign.notify.DeliveryState;

/**
 * Which deliveries a list shows: one webhook's, or the notifications, optionally narrowed. A recipient is
 * a person by id ({@code recipientId}), or by name ({@code recipientName}) a chat channel whose messages
 * are told to nobody in particular and are listed with the channel as their recipient.
 */
public record DeliveryFilter(
        String webhookId,
        boolean notifications,
        DeliveryState state,
        String recipientId,
        String recipientName,
        String channel) {

    public static DeliveryFilter webhook(String webhookId, DeliveryState state) {
        return new DeliveryFilter(webhookId, false, state, null, null, null);
    }

    public static DeliveryFilter notifications(
            DeliveryState state, String recipientId, String recipientName, String channel) {
        return new DeliveryFilter(null, true, state, recipientId, recipientName, channel);
    }
}
