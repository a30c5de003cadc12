package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A delegation started while a request's step waited on the delegator: the step now also waits on the
 * delegate, who is told as any approver of an opened step is. {@code extendsGrant} is the grant an
 * extension request asks more time on; null for new access.
 */
public record RequestDelegateJoined(
        Actor actor,
        String requestId,
        int step,
        String stepName,
        Participant delegate,
        Participant onBehalfOf,
        String extendsGrant)
        implements AuditableEvent {

    @Override
    public String action() {
        return "request.delegate_joined";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "step " + (step + 1) + (stepName == null ? "" : " '" + stepName + "'") + " also waits on "
                + delegate.username() + " on behalf of " + onBehalfOf.username();
    }

    /** The grant an extension request concerns, so that its audit row names that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
