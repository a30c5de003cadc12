package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/**
 * A grant reached its end and was marked EXPIRED; webhooks announce it, like a revocation, as {@code
 * grant.ended}. {@code reason} is {@code unclaimed} for a grant that waited for its first use until
 * its claim window closed, and null for one that ran its time.
 */
public record GrantExpired(
        Actor actor,
        String grantId,
        String requestId,
        String user,
        String resource,
        String account,
        Instant endedAt,
        String reason)
        implements AuditableEvent {

    static final String UNCLAIMED = "unclaimed";

    public GrantExpired(
            Actor actor,
            String grantId,
            String requestId,
            String user,
            String resource,
            String account,
            Instant endedAt) {
        this(actor, grantId, requestId, user, resource, account, endedAt, null);
    }

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
        return UNCLAIMED.equals(reason)
                ? "access of " + user + " to " + account + "@" + resource + " was never used and lapsed at " + endedAt
                : "access of " + user + " to " + account + "@" + resource + " ended at " + endedAt;
    }
}
