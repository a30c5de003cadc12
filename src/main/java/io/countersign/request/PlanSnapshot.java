package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The approval plan as frozen into {@code access_requests.policy_snapshot}. A record of this module
 * rather than the policy module's own types, so that stored snapshots keep their meaning when the
 * planner's contract grows. {@code claimWindow} is set when the grant's clock starts at its first
 * use (absent from snapshots taken before that existed, which start on approval).
 */
record PlanSnapshot(
        String policyName,
        int priority,
        List<String> reasons,
        Duration defaultDuration,
        Duration maxDuration,
        Duration requestTtl,
        boolean requireJustification,
        String ticketPattern,
        boolean allowSelfApproval,
        boolean distinctApproversAcrossSteps,
        String autoApprovedBecause,
        List<Step> steps,
        Duration claimWindow) {

    /** Unmodifiable: parsed snapshots are shared by every request that stored the same text. */
    PlanSnapshot {
        reasons = frozen(reasons);
        steps = frozen(steps);
    }

    record Step(
            String name,
            int requiredApprovals,
            List<String> eligibleApprovers,
            Duration timeout,
            OnTimeout onTimeout,
            List<String> escalationApprovers,
            String autoApprovedBecause,
            List<String> notifyChannels,
            List<String> allowedDecisionChannels) {

        Step {
            eligibleApprovers = frozen(eligibleApprovers);
            escalationApprovers = frozen(escalationApprovers);
            notifyChannels = frozen(notifyChannels);
            allowedDecisionChannels = frozen(allowedDecisionChannels);
        }
    }

    /** Null stays null: snapshots stored before a list existed lack it. */
    private static <T> List<T> frozen(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    static PlanSnapshot of(ApprovalPlan plan) {
        var limits = plan.limits();
        return new PlanSnapshot(
                plan.policyName(),
                plan.priority(),
                plan.reasons(),
                limits.defaultDuration(),
                limits.maxDuration(),
                limits.requestTtl(),
                limits.requireJustification(),
                limits.ticketPattern(),
                plan.allowSelfApproval(),
                plan.distinctApproversAcrossSteps(),
                plan.autoApprovedBecause(),
                plan.steps().stream().map(PlanSnapshot::step).toList(),
                limits.startOnFirstUse() ? limits.claimWindow() : null);
    }

    private static Step step(PlannedStep planned) {
        return new Step(
                planned.name(),
                planned.requiredApprovals(),
                planned.eligibleApprovers(),
                planned.timeout(),
                planned.onTimeout(),
                planned.escalationApprovers(),
                planned.autoApprovedBecause(),
                planned.notifyChannels(),
                planned.allowedDecisionChannels());
    }

    ApprovalRules rules() {
        return new ApprovalRules(allowSelfApproval, distinctApproversAcrossSteps);
    }

    Step step(int index) {
        return steps != null && index < steps.size() ? steps.get(index) : null;
    }
}
