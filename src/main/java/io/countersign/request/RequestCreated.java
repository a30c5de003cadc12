package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.time.Instant;

/** A request was created; {@code actor} is the requester or the enforcement point that asked for them. */
public record RequestCreated(
        Actor actor,
        String requestId,
        String requester,
        String resource,
        String account,
        Duration duration,
        Instant startsAt,
        String policyName,
        Instant expiresAt)
        implements AuditableEvent {

    @Override
    public String action() {
        return "request.created";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return requester + " asks for " + account + "@" + resource + " for " + duration
                + (startsAt == null ? "" : " from " + startsAt) + " under policy " + policyName;
    }
}
