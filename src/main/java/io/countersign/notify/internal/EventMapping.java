package io.countersign.notify.internal;

import io.countersign.notify.EventType;
import java.util.List;
import java.util.Map;

/**
 * Which audited actions are webhook events. Request events and the start of a grant pass through
 * under their own names; the two ways a grant ends become one {@code grant.ended} with a reason, and
 * a revocation is also {@code grant.revoked}, so that a receiver can follow revocations alone.
 */
final class EventMapping {

    record Mapped(EventType type, String reason) {}

    private static final Map<String, List<Mapped>> BY_ACTION = Map.of(
            "request.created", List.of(new Mapped(EventType.REQUEST_CREATED, null)),
            "request.step_started", List.of(new Mapped(EventType.REQUEST_STEP_STARTED, null)),
            "request.approved", List.of(new Mapped(EventType.REQUEST_APPROVED, null)),
            "request.rejected", List.of(new Mapped(EventType.REQUEST_REJECTED, null)),
            "request.cancelled", List.of(new Mapped(EventType.REQUEST_CANCELLED, null)),
            "request.expired", List.of(new Mapped(EventType.REQUEST_EXPIRED, null)),
            "grant.started", List.of(new Mapped(EventType.GRANT_STARTED, null)),
            "grant.revoked",
                    List.of(new Mapped(EventType.GRANT_ENDED, "revoked"), new Mapped(EventType.GRANT_REVOKED, null)),
            "grant.expired", List.of(new Mapped(EventType.GRANT_ENDED, "expired")));

    private EventMapping() {}

    /** The webhook events an audited action is, none when it is not one. */
    static List<Mapped> of(String action) {
        return action == null ? List.of() : BY_ACTION.getOrDefault(action, List.of());
    }
}
