package io.countersign.policy;

import java.time.Duration;
import java.util.List;

/**
 * One approval step resolved for a concrete request: who may approve it, how many must, and what a
 * timeout does. {@code eligibleApprovers} is sorted and already excludes inactive users and, unless
 * the policy allows self-approval, the requester. {@code autoApprovedBecause} is set when the
 * requester is an eligible approver of this step and the policy auto-approves in that case.
 * {@code notify} and {@code allowedDecisionChannels} are the step's as the policy defines them.
 */
public record PlannedStep(
        String name,
        int requiredApprovals,
        List<String> eligibleApprovers,
        Duration timeout,
        OnTimeout onTimeout,
        List<String> escalationApprovers,
        String autoApprovedBecause,
        List<String> notifyChannels,
        List<String> allowedDecisionChannels) {

    public PlannedStep(
            String name,
            int requiredApprovals,
            List<String> eligibleApprovers,
            Duration timeout,
            OnTimeout onTimeout,
            List<String> escalationApprovers,
            String autoApprovedBecause) {
        this(
                name,
                requiredApprovals,
                eligibleApprovers,
                timeout,
                onTimeout,
                escalationApprovers,
                autoApprovedBecause,
                List.of(),
                List.of());
    }
}
