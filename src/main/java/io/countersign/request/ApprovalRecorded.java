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
        Duration requested)
        implements AuditableEvent {

    public ApprovalRecorded(
            Actor actor,
            String requestId,
            int step,
            String stepName,
            int approvals,
            int requiredApprovals,
            String comment) {
        this(actor, requestId, step, stepName, approvals, requiredApprovals, comment, null, null, null);
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
        return (means == null ? "" : means + ": ") + "step " + step + (stepName == null ? "" : " '" + stepName + "'")
                + ": " + approvals + " of " + requiredApprovals + " approvals"
                + (allowed == null ? "" : "; allowed " + allowed + " of the " + requested + " requested")
                + (comment == null ? "" : "; " + comment);
    }
}
