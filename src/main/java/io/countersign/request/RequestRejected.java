package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** An eligible approver rejected the request; the workflow ended and no access is granted. */
public record RequestRejected(Actor actor, String requestId, String requester, int step, String comment)
        implements AuditableEvent {

    @Override
    public String action() {
        return "request.rejected";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "rejected at step " + step + (comment == null ? "" : ": " + comment);
    }
}
