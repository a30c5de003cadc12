package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.time.Instant;

/**
 * An approved extension request moved a grant's end from {@code previousEnd} to {@code endsAt}.
 * {@code requestId} is the request that created the grant, {@code extensionRequestId} the extension's.
 */
public record GrantExtended(
        Actor actor,
        String grantId,
        String requestId,
        String extensionRequestId,
        String user,
        String resource,
        String account,
        Duration extendedBy,
        Instant previousEnd,
        Instant endsAt)
        implements AuditableEvent {

    @Override
    public String action() {
        return "grant.extended";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return "access of " + user + " to " + account + "@" + resource + " extended by " + extendedBy + " through "
                + extensionRequestId + ": now ends at " + endsAt + " instead of " + previousEnd;
    }
}
