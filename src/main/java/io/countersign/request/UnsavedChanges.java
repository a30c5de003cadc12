package io.countersign.request;

import java.util.ArrayList;
import java.util.List;

/**
 * What a request changed since it was loaded or opened, so that the repository writes only that:
 * the steps that differ, the decisions added, and the approvers taken out with the approvals they
 * lost. It watches the request's own lists of steps and decisions against a copy taken at the start.
 */
final class UnsavedChanges {

    private final List<RequestStep> steps;
    private final List<RequestStep> savedSteps;
    private final List<Decision> decisions;
    private final int savedDecisions;
    private final List<String> withdrawnApprovers = new ArrayList<>();
    private final List<Decision> withdrawnApprovals = new ArrayList<>();

    UnsavedChanges(List<RequestStep> steps, List<Decision> decisions) {
        this.steps = steps;
        this.savedSteps = List.copyOf(steps);
        this.decisions = decisions;
        this.savedDecisions = decisions.size();
    }

    void approverWithdrawn(String userId) {
        withdrawnApprovers.add(userId);
    }

    void approvalWithdrawn(Decision voided) {
        withdrawnApprovals.add(voided);
    }

    /** The steps that differ from the ones the request was loaded or opened with. */
    List<RequestStep> changedSteps() {
        List<RequestStep> changed = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            if (!steps.get(i).equals(savedSteps.get(i))) {
                changed.add(steps.get(i));
            }
        }
        return changed;
    }

    /** The decisions added since the request was loaded or opened. */
    List<Decision> newDecisions() {
        return List.copyOf(decisions.subList(savedDecisions, decisions.size()));
    }

    /** The ids of the users taken out of the steps still to be decided, whose places are dropped. */
    List<String> withdrawnApprovers() {
        return List.copyOf(withdrawnApprovers);
    }

    /** The approvals voided because their approver was taken out, to be marked withdrawn. */
    List<Decision> withdrawnApprovals() {
        return List.copyOf(withdrawnApprovals);
    }
}
