package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A delegation started while a request's step waited on the delegator: the step now also waits on the
 * delegate, who is told as any approver of an opened step is.
 */
public record RequestDelegateJoined(
        Actor actor, String requestId, int step, String stepName, Participant delegate, Participant onBehalfOf)
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
        return "step " + step + (stepName == null ? "" : " '" + stepName + "'") + " also waits on "
                + delegate.username() + " on behalf of " + onBehalfOf.username();
    }
}
