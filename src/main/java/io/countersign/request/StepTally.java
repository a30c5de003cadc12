package io.countersign.request;

import java.util.List;

/**
 * The m-of-n count of one step: the approvals it holds, and whether those who may still approve it
 * can bring it to its required number.
 */
final class StepTally {

    private StepTally() {}

    static int approvals(List<Decision> decisions, int step) {
        return (int)
                decisions.stream().filter(d -> d.step() == step && d.counts()).count();
    }

    /**
     * Whether the step can still gather its required approvals from those eligible who have not
     * decided it and whom separation of duties lets approve it.
     */
    static boolean canStillComplete(
            RequestStep step, int index, ApprovalRules rules, String requesterId, List<Decision> decisions) {
        long possible = step.approvers().stream()
                .map(Participant::id)
                .filter(person -> SeparationOfDuties.letsApprove(rules, requesterId, decisions, person, index))
                .count();
        return approvals(decisions, index) + possible >= step.requiredApprovals();
    }
}
