package io.countersign.notify.internal;

import io.countersign.notify.EventType;
import java.util.Map;
import java.util.Optional;

/**
 * Which audited actions are webhook events. Request events and the start of a grant pass through
 * under their own names; the two ways a grant ends become one {@code grant.ended} with a reason.
 */
final class EventMapping {

    record Mapped(EventType type, String reason) {}

    private static final Map<String, Mapped> BY_ACTION = Map.of(
            "request.created", new Mapped(EventType.REQUEST_CREATED, null),
            "request.step_started", new Mapped(EventType.REQUEST_STEP_STARTED, null),
            "request.approved", new Mapped(EventType.REQUEST_APPROVED, null),
            "request.rejected", new Mapped(EventType.REQUEST_REJECTED, null),
            "request.cancelled", new Mapped(EventType.REQUEST_CANCELLED, null),
            "request.expired", new Mapped(EventType.REQUEST_EXPIRED, null),
            "grant.started", new Mapped(EventType.GRANT_STARTED, null),
            "grant.revoked", new Mapped(EventType.GRANT_ENDED, "revoked"),
            "grant.expired", new Mapped(EventType.GRANT_ENDED, "expired"));

    private EventMapping() {}

    static Optional<Mapped> of(String action) {
        return Optional.ofNullable(action).map(BY_ACTION::get);
    }
}
