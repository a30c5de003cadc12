package io.countersign.policy;

import java.util.List;

/**
 * The outcome of matching a (requester, resource, account): the governing policy, why it matched,
 * its limits and resolved steps. {@code autoApprovedBecause} is set when the whole request is
 * approved automatically (trusted group, minimum level, or a policy with no steps).
 * {@code problems} lists why a request could not complete (a step with fewer eligible approvers than
 * it requires); a request is refused at creation while it is not empty.
 */
public record ApprovalPlan(
        String policyName,
        int priority,
        List<String> reasons,
        Limits limits,
        boolean allowSelfApproval,
        boolean distinctApproversAcrossSteps,
        String autoApprovedBecause,
        List<PlannedStep> steps,
        List<String> problems) {

    public boolean isFeasible() {
        return problems.isEmpty();
    }
}
