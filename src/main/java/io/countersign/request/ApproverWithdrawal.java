package io.countersign.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes a user who can no longer approve (they left, or lost the right) out of a pending request's
 * steps still to be decided, and settles a current step that can then no longer complete.
 */
final class ApproverWithdrawal {

    private ApproverWithdrawal() {}

    /**
     * Takes the user out of the current step and those after it, as approver and as escalation, and
     * withdraws an approval of the current step given by them or on their behalf. When the current step
     * can then no longer gather its approvals, it is handled as its timeout would be. Returns false (and
     * changes nothing) when the request is not pending, or neither names the user there nor holds such
     * an approval.
     */
    static boolean withdraw(AccessRequest request, String userId, String username, String reason, Instant at) {
        List<RequestStep> steps = request.steps();
        if (request.status() != RequestStatus.PENDING || steps.isEmpty()) {
            return false;
        }
        int current = request.currentStep();
        List<Integer> from = new ArrayList<>();
        for (int i = current; i < steps.size(); i++) {
            if (steps.get(i).names(userId)) {
                from.add(i);
            }
        }
        boolean approved = request.decisions().stream().anyMatch(d -> voids(d, userId, current));
        if (from.isEmpty() && !approved) {
            return false;
        }
        request.removeApprover(userId, username, from, reason);
        RequestStep step = request.steps().get(current);
        if (!StepTally.canStillComplete(
                step, current, request.rules(), request.details().requesterId(), request.decisions())) {
            StepTimeout.apply(request, step, StepTimeout.infeasible(current), true, at);
        }
        return true;
    }

    /**
     * Whether taking the user out voids this decision: an approval of the open step that still counts
     * and was given by them or on their behalf (docs/adr/0036). Approvals of completed steps stand.
     */
    static boolean voids(Decision decision, String userId, int openStep) {
        return decision.step() == openStep && decision.counts() && decision.uses(userId);
    }
}
