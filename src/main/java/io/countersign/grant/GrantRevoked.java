package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An administrator or the holder ended a grant before its time. */
public record GrantRevoked(
        Actor actor, String grantId, String requestId, String user, String resource, String account, String reason)
        implements AuditableEvent {

    @Override
    public String action() {
        return "grant.revoked";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return "revoked access of " + user + " to " + account + "@" + resource + (reason == null ? "" : ": " + reason);
    }
}
