package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;
import java.util.List;

/**
 * A step began waiting on its approvers; {@code deadline} is null when the step has no timeout.
 * {@code extendsGrant} is the grant an extension request asks more time on; null for new access.
 */
public record RequestStepStarted(
        Actor actor,
        String requestId,
        int step,
        String stepName,
        int requiredApprovals,
        List<String> eligibleApprovers,
        Instant deadline,
        String extendsGrant)
        implements AuditableEvent {

    static RequestStepStarted of(Actor cause, RequestDetails details, int step, RequestStep started) {
        return new RequestStepStarted(
                cause,
                details.id(),
                step,
                started.name(),
                started.requiredApprovals(),
                started.eligibleApprovers(),
                started.deadline(),
                details.extendsGrant());
    }

    public RequestStepStarted {
        eligibleApprovers = List.copyOf(eligibleApprovers);
    }

    @Override
    public String action() {
        return "request.step_started";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return "step " + (step + 1) + (stepName == null ? "" : " '" + stepName + "'") + " needs " + requiredApprovals
                + " of " + eligibleApprovers;
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
