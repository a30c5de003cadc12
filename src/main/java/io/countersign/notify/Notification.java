package io.countersign.notify;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing one person must be told, as its sender receives it. {@code recipientId} is the internal
 * user id ({@code usr-…}); {@code eventId} is shared by every delivery of the same notification (to
 * each recipient and channel); {@code requestId}, {@code grantId} and {@code step} are null where they
 * do not apply. {@code data} holds what the kind adds, see {@link NotificationKind}.
 */
public record Notification(
        String deliveryId,
        String eventId,
        NotificationKind kind,
        String recipientId,
        String requestId,
        String grantId,
        Integer step,
        Instant occurredAt,
        Map<String, Object> data) {

    public Notification {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }
}
