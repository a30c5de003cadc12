package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * An eligible approver rejected the request; the workflow ended and no access is granted. {@code
 * means} says how a rejection that came with an action token arrived ("By email"); null otherwise.
 * {@code extendsGrant} is the grant an extension request would have extended; null for new access.
 */
public record RequestRejected(
        Actor actor, String requestId, String requester, int step, String comment, String means, String extendsGrant)
        implements AuditableEvent {

    public RequestRejected(Actor actor, String requestId, String requester, int step, String comment) {
        this(actor, requestId, requester, step, comment, null, null);
    }

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
        return (means == null ? "" : means + ": ") + "rejected at step " + (step + 1)
                + (comment == null ? "" : ": " + comment);
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
