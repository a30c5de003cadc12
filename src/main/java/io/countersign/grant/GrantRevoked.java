package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A grant was ended before its time: by an administrator or the holder, or by the service because
 * the holder left or the resource or account is gone (then the reason says which).
 */
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
