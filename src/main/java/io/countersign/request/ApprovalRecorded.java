package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * One approval was counted on a step. {@code approvals} is the step's tally after it; the step is
 * complete when it reaches {@code requiredApprovals}. Automatic approvals carry the system actor.
 */
public record ApprovalRecorded(
        Actor actor, String requestId, int step, String stepName, int approvals, int requiredApprovals, String comment)
        implements AuditableEvent {

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
        return "step " + step + (stepName == null ? "" : " '" + stepName + "'") + ": " + approvals + " of "
                + requiredApprovals + " approvals" + (comment == null ? "" : "; " + comment);
    }
}
