package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;
import java.util.List;

/**
 * A step began waiting on its approvers; {@code deadline} is null when the step has no timeout.
 * {@code extendsGrant} is the grant an extension request asks more time on; null for new access.
 * {@code autoApprovedBecause} is set when the service approves the step itself as it starts.
 */
public record RequestStepStarted(
        Actor actor,
        String requestId,
        int step,
        String stepName,
        int requiredApprovals,
        List<String> eligibleApprovers,
        Instant deadline,
        String extendsGrant,
        String autoApprovedBecause)
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
                details.extendsGrant(),
                started.autoApprovedBecause());
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
        String started = "step " + (step + 1) + (stepName == null ? "" : " '" + stepName + "'");
        // its eligible approvers may be none at all: the list would read as a step nobody can approve
        return autoApprovedBecause != null
                ? started + " is approved automatically: " + autoApprovedBecause
                : started + " needs " + requiredApprovals + " of " + eligibleApprovers;
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
