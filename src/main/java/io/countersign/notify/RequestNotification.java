package io.countersign.notify;

import java.time.Instant;

/**
 * Who was told what about a request, on which channel, and how far it got: {@code at} is when the
 * notification was queued, {@code deliveredAt} when its sender took it (null until then).
 */
public record RequestNotification(
        String recipient,
        String channel,
        NotificationKind kind,
        Integer step,
        DeliveryState state,
        Instant at,
        Instant deliveredAt) {}
