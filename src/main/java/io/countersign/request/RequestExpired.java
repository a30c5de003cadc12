package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/** A request was still pending when its time-to-live ran out. */
public record RequestExpired(Actor actor, String requestId, String requester, int step, Instant expiresAt)
        implements AuditableEvent {

    @Override
    public String action() {
        return "request.expired";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "still pending at step " + step + " when its time-to-live ended at " + expiresAt;
    }
}
