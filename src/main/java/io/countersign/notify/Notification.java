package io.countersign.notify;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing one person must be told, as its sender receives it. {@code recipientId} is the internal
 * user id ({@code usr-…}); {@code eventId} is shared by every delivery of the same notification (to
 * each recipient and channel); {@code requestId}, {@code grantId} and {@code step} are null where they
 * do not apply. {@code data} holds what the kind adds, see {@link NotificationKind}. {@code
 * destinationChanges} is how many times the notification's destination (a chat channel, {@link
 * NotificationSender#destination}) had been changed or deleted when its attempt was read, 0 for a
 * channel with one server: what a sender keeps of what it sent must be kept only while that still
 * holds ({@link NotificationDeliveries#destinationChanges}).
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
        Map<String, Object> data,
        long destinationChanges) {

    public Notification {
        data = data == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A notification whose destination was never changed, or that has none of its own. */
    public Notification(
            String deliveryId,
            String eventId,
            NotificationKind kind,
            String recipientId,
            String requestId,
            String grantId,
            Integer step,
            Instant occurredAt,
            Map<String, Object> data) {
        this(deliveryId, eventId, kind, recipientId, requestId, grantId, step, occurredAt, data, 0);
    }

    /** The instant {@code data} holds under {@code key}, or null: as the outbox's JSON keeps it, ISO-8601 text or seconds since the epoch. */
    public Instant instant(String key) {
        Object value = data.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            BigDecimal seconds = new BigDecimal(number.toString());
            return Instant.ofEpochSecond(
                    seconds.longValue(),
                    seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
        }
        return Instant.parse(value.toString());
    }
}
