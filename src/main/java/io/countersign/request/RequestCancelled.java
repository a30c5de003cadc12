package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;

/**
 * The requester withdrew a pending request, or the service cancelled it because it can no longer be
 * granted (the requester left, the resource or account is gone); then the comment says why.
 */
public record RequestCancelled(Actor actor, String requestId, String requester, String comment)
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
}
