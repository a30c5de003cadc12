package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;
import java.util.List;

/**
 * A step timed out, or can no longer get its approvals (its approvers left, {@code timedOut} false),
 * and now also waits on its escalation approvers, until a fresh deadline. {@code extendsGrant} is the
 * grant an extension request asks more time on; null for new access.
 */
public record RequestStepEscalated(
        Actor actor,
        String requestId,
        int step,
        String stepName,
        List<String> addedApprovers,
        Instant deadline,
        String extendsGrant,
        boolean timedOut)
        implements AuditableEvent {

    public RequestStepEscalated {
        addedApprovers = List.copyOf(addedApprovers);
    }

    /** {@code timedOut} false when the step escalates because it can no longer get its approvals. */
    static RequestStepEscalated of(
            RequestDetails details, int step, RequestStep widened, List<Participant> added, boolean timedOut) {
        return new RequestStepEscalated(
                Actor.system(),
                details.id(),
                step,
                widened.name(),
                added.stream().map(Participant::username).toList(),
                widened.deadline(),
                details.extendsGrant(),
                timedOut);
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
                + (timedOut ? " timed out" : " can no longer get its approvals") + " and now also waits on "
                + addedApprovers;
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
