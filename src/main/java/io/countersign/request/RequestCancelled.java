package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** The requester withdrew a pending request. */
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
        return "cancelled by the requester" + (comment == null ? "" : ": " + comment);
    }
}
