package io.countersign.request;

import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The snapshot of one approval step inside a request: who may approve it and how many must, copied
 * from the policy when the request was created, plus where the step stands. {@code deadline} is set
 * when the step starts and has a timeout.
 */
public record RequestStep(
        int index,
        String name,
        int requiredApprovals,
        List<String> eligibleApprovers,
        Duration timeout,
        OnTimeout onTimeout,
        List<String> escalationApprovers,
        String autoApprovedBecause,
        StepStatus status,
        Instant startedAt,
        Instant deadline,
        boolean escalated) {

    public RequestStep {
        eligibleApprovers = List.copyOf(eligibleApprovers);
        escalationApprovers = escalationApprovers == null ? List.of() : List.copyOf(escalationApprovers);
    }

    static RequestStep planned(int index, PlannedStep planned) {
        return new RequestStep(
                index,
                planned.name(),
                planned.requiredApprovals(),
                planned.eligibleApprovers(),
                planned.timeout(),
                planned.onTimeout(),
                planned.escalationApprovers(),
                planned.autoApprovedBecause(),
                StepStatus.PENDING,
                null,
                null,
                false);
    }

    public boolean isEligible(String username) {
        return eligibleApprovers.contains(username);
    }

    public boolean hasStarted() {
        return startedAt != null;
    }

    RequestStep startedAt(Instant at) {
        Instant due = timeout == null ? null : at.plus(timeout);
        return new RequestStep(
                index,
                name,
                requiredApprovals,
                eligibleApprovers,
                timeout,
                onTimeout,
                escalationApprovers,
                autoApprovedBecause,
                StepStatus.PENDING,
                at,
                due,
                escalated);
    }

    /** The step widened to more approvers after a timeout, with a fresh deadline. */
    RequestStep escalatedTo(List<String> added, Instant at) {
        List<String> widened = new java.util.ArrayList<>(eligibleApprovers);
        widened.addAll(added);
        return new RequestStep(
                index,
                name,
                requiredApprovals,
                widened.stream().sorted().toList(),
                timeout,
                onTimeout,
                escalationApprovers,
                autoApprovedBecause,
                status,
                startedAt,
                timeout == null ? null : at.plus(timeout),
                true);
    }

    RequestStep with(StepStatus newStatus) {
        return new RequestStep(
                index,
                name,
                requiredApprovals,
                eligibleApprovers,
                timeout,
                onTimeout,
                escalationApprovers,
                autoApprovedBecause,
                newStatus,
                startedAt,
                deadline,
                escalated);
    }
}
