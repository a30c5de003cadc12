package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;

/**
 * The requester withdrew a pending request, or the service cancelled it because it can no longer be
 * granted (the requester left, the resource or account is gone); then the comment says why.
 * {@code extendsGrant} is the grant an extension request would have extended; null for new access.
 */
public record RequestCancelled(Actor actor, String requestId, String requester, String comment, String extendsGrant)
        implements AuditableEvent {

    @Override
    public String action() {
        return "request.cancelled";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        String by = actor.channel() == Channel.SYSTEM ? "cancelled by the service" : "cancelled by the requester";
        return by + (comment == null ? "" : ": " + comment);
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
