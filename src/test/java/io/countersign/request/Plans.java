package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.Limits;
import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import java.time.Duration;
import java.util.List;

/** Builds approval plans as the policy module would hand them to the request module. */
final class Plans {

    static final Limits LIMITS =
            new Limits(Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(24), false, null);

    private Plans() {}

    static PlannedStep step(String name, int required, String... approvers) {
        return new PlannedStep(name, required, List.of(approvers), null, null, List.of(), null);
    }

    static PlannedStep timedStep(String name, Duration timeout, int required, String... approvers) {
        return new PlannedStep(name, required, List.of(approvers), timeout, OnTimeout.REJECT, List.of(), null);
    }

    static PlannedStep autoStep(String name, String reason, String... approvers) {
        return new PlannedStep(name, 1, List.of(approvers), null, null, List.of(), reason);
    }

    static ApprovalPlan plan(PlannedStep... steps) {
        return plan(ApprovalRules.defaults(), steps);
    }

    static ApprovalPlan plan(ApprovalRules rules, PlannedStep... steps) {
        return new ApprovalPlan(
                "prod-db",
                100,
                List.of("resource name matches prod-*"),
                LIMITS,
                rules.allowSelfApproval(),
                rules.distinctApproversAcrossSteps(),
                null,
                List.of(steps),
                List.of());
    }

    static ApprovalPlan autoApproved(String reason, PlannedStep... steps) {
        return new ApprovalPlan("prod-db", 100, List.of(), LIMITS, false, true, reason, List.of(steps), List.of());
    }
}
