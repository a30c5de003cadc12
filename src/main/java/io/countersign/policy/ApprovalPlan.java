package io.countersign.policy;

import java.util.List;

/**
 * The outcome of matching a (requester, resource, account): the governing policy, why it matched,
 * its limits and resolved steps. {@code autoApprovedBecause} is set when the whole request is
 * approved automatically (trusted group, minimum level, or a policy with no steps).
 * {@code problems} lists why a request could not complete (a step with fewer eligible approvers than
 * it requires); a request is refused at creation while it is not empty. {@code breakGlass} is null
 * when the policy allows no emergency access.
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
        List<String> problems,
        BreakGlassPlan breakGlass) {

    /** A plan under a policy that allows no break-glass access. */
    public ApprovalPlan(
            String policyName,
            int priority,
            List<String> reasons,
            Limits limits,
            boolean allowSelfApproval,
            boolean distinctApproversAcrossSteps,
            String autoApprovedBecause,
            List<PlannedStep> steps,
            List<String> problems) {
        this(
                policyName,
                priority,
                reasons,
                limits,
                allowSelfApproval,
                distinctApproversAcrossSteps,
                autoApprovedBecause,
                steps,
                problems,
                null);
    }

    public boolean isFeasible() {
        return problems.isEmpty();
    }
}
