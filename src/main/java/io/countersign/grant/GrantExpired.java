package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/** A grant reached its end and was marked EXPIRED; webhooks announce it, like a revocation, as {@code grant.ended}. */
public record GrantExpired(
        Actor actor, String grantId, String requestId, String user, String resource, String account, Instant endedAt)
        implements AuditableEvent {

    @Override
    public String action() {
        return "grant.expired";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return "access of " + user + " to " + account + "@" + resource + " ended at " + endedAt;
    }
}
