package io.countersign.notify;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The webhook event types of the public API, by their wire names such as {@code request.approved}. */
public enum EventType {
    REQUEST_CREATED("request.created"),
    REQUEST_STEP_STARTED("request.step_started"),
    REQUEST_STEP_ESCALATED("request.step_escalated"),
    REQUEST_APPROVED("request.approved"),
    REQUEST_REJECTED("request.rejected"),
    REQUEST_CANCELLED("request.cancelled"),
    REQUEST_EXPIRED("request.expired"),
    GRANT_STARTED("grant.started"),
    GRANT_AWAITING_FIRST_USE("grant.awaiting_first_use"),
    GRANT_FIRST_USED("grant.first_used"),
    GRANT_ENDED("grant.ended"),
    GRANT_REVOKED("grant.revoked"),
    GRANT_EXTENDED("grant.extended"),
    BREAKGLASS_USED("breakglass.used"),
    BREAKGLASS_REVIEWED("breakglass.reviewed"),
    BREAKGLASS_REVIEW_OVERDUE("breakglass.review_overdue"),
    AUDIT_CHECKPOINT("audit.checkpoint");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }
}
