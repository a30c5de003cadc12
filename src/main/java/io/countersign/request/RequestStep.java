package io.countersign.request;

import io.countersign.policy.OnTimeout;
import io.countersign.policy.PlannedStep;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * The snapshot of one approval step inside a request: who may approve it and how many must, copied
 * from the policy when the request was created, plus where the step stands. {@code deadline} is set
 * when the step starts and has a timeout. Approvers count by their user id; a user who leaves is
 * withdrawn from the steps still to be decided.
 */
public record RequestStep(
        int index,
        String name,
        int requiredApprovals,
        List<Participant> approvers,
        Duration timeout,
        OnTimeout onTimeout,
        List<Participant> escalation,
        String autoApprovedBecause,
        StepStatus status,
        Instant startedAt,
        Instant deadline,
        boolean escalated,
        List<String> notifyChannels,
        List<String> allowedDecisionChannels) {

    public RequestStep {
        approvers = List.copyOf(approvers);
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        notifyChannels = notifyChannels == null ? List.of() : List.copyOf(notifyChannels);
        allowedDecisionChannels = allowedDecisionChannels == null ? List.of() : List.copyOf(allowedDecisionChannels);
    }

    /** Whether a decision may come from {@code channel}; a step that names none allows every one. */
    public boolean allowsDecisionFrom(String channel) {
        return allowedDecisionChannels.isEmpty() || allowedDecisionChannels.contains(channel);
    }

    /** Every step of the plan, in order, as planned. */
    static List<RequestStep> plannedAll(List<PlannedStep> plan, Function<String, String> idOf) {
        List<RequestStep> steps = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            steps.add(planned(i, plan.get(i), idOf));
        }
        return steps;
    }

    /** The step as planned; {@code idOf} gives each named user's id (null for one who no longer exists). */
    static RequestStep planned(int index, PlannedStep planned, Function<String, String> idOf) {
        return new RequestStep(
                index,
                planned.name(),
                planned.requiredApprovals(),
                participants(planned.eligibleApprovers(), idOf),
                planned.timeout(),
                planned.onTimeout(),
                participants(planned.escalationApprovers(), idOf),
                planned.autoApprovedBecause(),
                StepStatus.PENDING,
                null,
                null,
                false,
                planned.notifyChannels(),
                planned.allowedDecisionChannels());
    }

    /** The usernames of the eligible approvers, as the request shows them. */
    public List<String> eligibleApprovers() {
        return approvers.stream().map(Participant::username).toList();
    }

    /** The usernames of the people a timeout escalates to. */
    public List<String> escalationApprovers() {
        return escalation.stream().map(Participant::username).toList();
    }

    /**
     * By when the step must be decided: its deadline, or the request's expiry when that comes first or
     * the step has none; null when neither is set. The token page, the mail, the chat message, the
     * request page and the approval notifications' data all ask this, so that they name the same moment.
     */
    public Instant decideBy(Instant requestExpiry) {
        return decideBy(deadline, requestExpiry);
    }

    /**
     * As {@link #decideBy(Instant)} for a step whose deadline is {@code deadline}, such as the one an
     * event about the step carried, so that a notification's {@code decideBy} goes with its {@code deadline}.
     */
    public static Instant decideBy(Instant deadline, Instant requestExpiry) {
        if (deadline == null) {
            return requestExpiry;
        }
        return requestExpiry != null && requestExpiry.isBefore(deadline) ? requestExpiry : deadline;
    }

    /** Whether the user with this id is an eligible approver of the step. */
    public boolean isEligible(String userId) {
        return approvers.stream().anyMatch(p -> p.id().equals(userId));
    }

    /** Whether the user with this id is named anywhere in the step, as approver or escalation. */
    boolean names(String userId) {
        return isEligible(userId) || escalation.stream().anyMatch(p -> p.id().equals(userId));
    }

    /** The step without the user with this id, as approver and as escalation. */
    RequestStep without(String userId) {
        return new RequestStep(
                index,
                name,
                requiredApprovals,
                approvers.stream().filter(p -> !p.id().equals(userId)).toList(),
                timeout,
                onTimeout,
                escalation.stream().filter(p -> !p.id().equals(userId)).toList(),
                autoApprovedBecause,
                status,
                startedAt,
                deadline,
                escalated,
                notifyChannels,
                allowedDecisionChannels);
    }

    private static List<Participant> participants(List<String> usernames, Function<String, String> idOf) {
        List<Participant> found = new ArrayList<>();
        for (String username : usernames == null ? List.<String>of() : usernames) {
            String id = idOf.apply(username);
            if (id != null) {
                found.add(new Participant(id, username));
            }
        }
        return found;
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
                approvers,
                timeout,
                onTimeout,
                escalation,
                autoApprovedBecause,
                StepStatus.PENDING,
                at,
                due,
                escalated,
                notifyChannels,
                allowedDecisionChannels);
    }

    /** The step widened to more approvers after a timeout, with a fresh deadline. */
    RequestStep escalatedTo(List<Participant> added, Instant at) {
        List<Participant> widened = new ArrayList<>(approvers);
        widened.addAll(added);
        return new RequestStep(
                index,
                name,
                requiredApprovals,
                widened.stream()
                        .sorted(Comparator.comparing(Participant::username))
                        .toList(),
                timeout,
                onTimeout,
                escalation,
                autoApprovedBecause,
                status,
                startedAt,
                timeout == null ? null : at.plus(timeout),
                true,
                notifyChannels,
                allowedDecisionChannels);
    }

    RequestStep with(StepStatus newStatus) {
        return new RequestStep(
                index,
                name,
                requiredApprovals,
                approvers,
                timeout,
                onTimeout,
                escalation,
                autoApprovedBecause,
                newStatus,
                startedAt,
                deadline,
                escalated,
                notifyChannels,
                allowedDecisionChannels);
    }
}
