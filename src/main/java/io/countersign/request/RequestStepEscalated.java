package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;
import java.util.List;

/**
 * A step timed out and now also waits on its escalation approvers, until a fresh deadline. {@code
 * extendsGrant} is the grant an extension request asks more time on; null for new access.
 */
public record RequestStepEscalated(
        Actor actor,
        String requestId,
        int step,
        String stepName,
        List<String> addedApprovers,
        Instant deadline,
        String extendsGrant)
        implements AuditableEvent {

    public RequestStepEscalated {
        addedApprovers = List.copyOf(addedApprovers);
    }

    @Override
    public String action() {
        return "request.step_escalated";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "step " + (step + 1) + (stepName == null ? "" : " '" + stepName + "'")
                + " timed out and now also waits on " + addedApprovers;
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
