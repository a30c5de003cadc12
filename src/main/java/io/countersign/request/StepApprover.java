package io.countersign.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Someone who may approve a request's current step now, as every message about the step names them:
 * an approver of the step ({@code standsInFor} empty), or a delegate in force who may decide it for
 * the approvers {@code standsInFor} names.
 */
public record StepApprover(String username, List<String> standsInFor) {

    public StepApprover {
        standsInFor = List.copyOf(standsInFor);
    }

    /** Whether they decide only as someone's delegate. */
    public boolean isDelegate() {
        return !standsInFor.isEmpty();
    }

    /** "lisa", or for a delegate "carol for lisa", as messages and pages name them. */
    public String named() {
        return isDelegate() ? username + " for " + String.join(" and ", standsInFor) : username;
    }

    /**
     * The approvers of the current step as the request lists them, then each delegate (by username) whom one of
     * these delegations in force lets decide it, with the approvers they would decide for; nobody once
     * the request is no longer pending. A delegate who is an approver of the step decides as themself
     * and is listed once, as approver.
     */
    static List<StepApprover> of(AccessRequest request, List<Delegation> inForce, Instant at) {
        if (request.status() != RequestStatus.PENDING || request.steps().isEmpty()) {
            return List.of();
        }
        RequestStep step = request.steps().get(request.currentStep());
        List<StepApprover> all = new ArrayList<>();
        step.eligibleApprovers().forEach(username -> all.add(new StepApprover(username, List.of())));
        Map<String, List<String>> delegates = new TreeMap<>();
        for (Delegation delegation : inForce) {
            Participant delegate = delegation.delegate();
            if (!step.isEligible(delegate.id()) && request.awaits(delegate.id(), at, List.of(delegation))) {
                List<String> standsInFor = delegates.computeIfAbsent(delegate.username(), name -> new ArrayList<>());
                if (!standsInFor.contains(delegation.delegator().username())) {
                    standsInFor.add(delegation.delegator().username());
                }
            }
        }
        delegates.forEach((username, standsInFor) ->
                all.add(new StepApprover(username, standsInFor.stream().sorted().toList())));
        return all;
    }
}
