package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;

/**
 * One approval was counted on a step. {@code approvals} is the step's tally after it; the step is
 * complete when it reaches {@code requiredApprovals}. Automatic approvals carry the system actor.
 * {@code means} says how an approval that came with an action token arrived ("By email"); null
 * otherwise. {@code allowed} is the shorter duration the approver allowed of the {@code requested} one
 * (null when they allowed what was asked).
 * {@code extendsGrant} is the grant an extension request asks more time on; null for new access.
 */
public record ApprovalRecorded(
        Actor actor,
        String requestId,
        int step,
        String stepName,
        int approvals,
        int requiredApprovals,
        String comment,
        String means,
        Duration allowed,
        Duration requested,
        String extendsGrant)
        implements AuditableEvent {

    /** An approval the policy gave on its own, such as a step that a rule approves at once. */
    static ApprovalRecorded automatic(
            RequestDetails details, int stepIndex, RequestStep step, int approvals, String because) {
        return new ApprovalRecorded(
                Actor.system(),
                details.id(),
                stepIndex,
                step.name(),
                approvals,
                step.requiredApprovals(),
                because,
                null,
                null,
                null,
                details.extendsGrant());
    }

    @Override
    public String action() {
        return "request.approval_recorded";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return (means == null ? "" : means + ": ") + "step " + (step + 1)
                + (stepName == null ? "" : " '" + stepName + "'")
                + ": " + approvals + " of " + requiredApprovals + " approvals"
                + (allowed == null ? "" : "; allowed " + allowed + " of the " + requested + " requested")
                + (comment == null ? "" : "; " + comment);
    }

    /** The grant an extension request concerns, so that its audit row names that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
