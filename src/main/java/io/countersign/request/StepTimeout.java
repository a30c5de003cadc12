package io.countersign.request;

import io.countersign.policy.OnTimeout;
import io.countersign.shared.Channel;
import java.time.Instant;
import java.util.List;

/**
 * What a timeout does to the current step, also when the step can no longer gather its approvals:
 * {@code ESCALATE} widens it once to its escalation approvers (when that lets it complete), and
 * anything else rejects the request with a SYSTEM decision.
 */
final class StepTimeout {

    private StepTimeout() {}

    /**
     * Escalates or rejects the request's current {@code step}. With {@code mustComplete} (the step lost
     * its approvers) an escalation that still cannot complete rejects at once rather than wait.
     */
    static void apply(AccessRequest request, RequestStep step, String reason, boolean mustComplete, Instant at) {
        if (step.onTimeout() == OnTimeout.ESCALATE && !step.escalated()) {
            String requesterId = request.details().requesterId();
            ApprovalRules rules = request.rules();
            // only those who could approve: the requester without self-approval, or whoever approved an
            // earlier step under distinct approvers, would be asked in vain and hold the step open
            List<Participant> added = step.escalation().stream()
                    .filter(person -> !step.isEligible(person.id()))
                    .filter(person -> SeparationOfDuties.letsApprove(
                            rules, requesterId, request.decisions(), person.id(), request.currentStep()))
                    .toList();
            if (!added.isEmpty()) {
                RequestStep widened = step.escalatedTo(added, at);
                if (!mustComplete
                        || StepTally.canStillComplete(
                                widened, request.currentStep(), rules, requesterId, request.decisions())) {
                    request.escalateCurrent(widened, added, !mustComplete);
                    return;
                }
            }
        }
        request.rejectBySystem(step, reason, at);
    }

    /**
     * Whether the request ended because {@code step} ran out of time: rejected by the system once the
     * step's deadline had passed, not because the step lost the approvers it needs before then.
     */
    static boolean endedRequestAt(AccessRequest request, int step) {
        // a request without steps (break-glass) has no step to run out of time
        if (step >= request.steps().size()) {
            return false;
        }
        Instant deadline = request.steps().get(step).deadline();
        return request.status() == RequestStatus.REJECTED
                && deadline != null
                && request.decisions().stream()
                        .anyMatch(d -> d.step() == step
                                && d.channel() == Channel.SYSTEM
                                && !d.isApproval()
                                && !d.at().isBefore(deadline));
    }

    /** The reason given when a step has lost the approvers it needs. */
    static String infeasible(int step) {
        return "step " + (step + 1) + " can no longer get its approvals";
    }
}
