package io.countersign.request;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * On whose behalf a person decides a request's current step: their own, as an eligible approver, or
 * an approver's who delegated to them. Delegations are followed one hop only (the delegator must be
 * eligible in their own right), and the delegate must pass separation of duties for both people
 * (docs/adr/0020-delegation-and-out-of-office.md).
 */
final class Standing {

    private Standing() {}

    /**
     * The approver the person decides for: empty when they decide as themself (eligible in their own
     * right), else the delegator. A person eligible in their own right always decides as themself.
     *
     * @throws NotAnEligibleApprover when neither they nor anyone who delegated to them is eligible
     * @throws SelfApprovalNotAllowed, AlreadyDecided, ApprovedAnEarlierStep as the first rule that
     *     keeps every delegation from applying
     */
    static Optional<Participant> of(
            AccessRequest request,
            String username,
            String userId,
            List<Delegation> delegations,
            Instant at,
            boolean approving) {
        int current = request.currentStep();
        RequestStep step = request.steps().get(current);
        if (step.isEligible(userId)) {
            return Optional.empty();
        }
        List<Participant> candidates = delegators(request, userId, delegations, at);
        if (candidates.isEmpty()) {
            throw new NotAnEligibleApprover(username, request.id(), current);
        }
        RuntimeException refusal = null;
        for (Participant delegator : candidates) {
            Optional<RuntimeException> why = whyNot(request, username, userId, delegator, approving);
            if (why.isEmpty()) {
                return Optional.of(delegator);
            }
            refusal = refusal == null ? why.get() : refusal;
        }
        throw refusal;
    }

    /**
     * The eligible approvers of the current step who delegated to this person by a delegation in
     * force at {@code at} that covers the request's resource, by username.
     */
    static List<Participant> delegators(
            AccessRequest request, String userId, List<Delegation> delegations, Instant at) {
        RequestStep step = request.steps().get(request.currentStep());
        List<Participant> found = new ArrayList<>();
        for (Delegation delegation : delegations) {
            Participant delegator = delegation.delegator();
            if (delegation.delegate().id().equals(userId)
                    && !delegator.id().equals(userId)
                    && delegation.inForceAt(at)
                    && delegation.covers(request.details().resource())
                    && step.isEligible(delegator.id())
                    && found.stream().noneMatch(p -> p.id().equals(delegator.id()))) {
                found.add(delegator);
            }
        }
        found.sort(Comparator.comparing(Participant::username));
        return found;
    }

    /**
     * Why the person may not decide for this delegator, if they may not: a delegate never decides
     * their own request, nor the delegator's when the policy forbids self-approval; neither person
     * has decided the step; to approve under distinct approvers, neither approved an earlier step.
     */
    private static Optional<RuntimeException> whyNot(
            AccessRequest request, String username, String userId, Participant delegator, boolean approving) {
        ApprovalRules rules = request.rules();
        String requesterId = request.details().requesterId();
        int current = request.currentStep();
        List<Decision> decisions = request.decisions();
        if (userId.equals(requesterId)) {
            return Optional.of(SelfApprovalNotAllowed.delegatesOwn(username, delegator.username(), request.id()));
        }
        if (SeparationOfDuties.isForbiddenSelfDecision(rules, requesterId, delegator.id())) {
            return Optional.of(SelfApprovalNotAllowed.forTheRequester(username, delegator.username(), request.id()));
        }
        if (SeparationOfDuties.hasDecided(decisions, userId, current)
                || SeparationOfDuties.hasDecided(decisions, delegator.id(), current)) {
            return Optional.of(
                    SeparationOfDuties.hasDecided(decisions, userId, current)
                            ? AlreadyDecided.of(request, userId, username)
                            : AlreadyDecided.of(request, delegator.id(), delegator.username()));
        }
        for (Participant person :
                approving ? List.of(new Participant(userId, username), delegator) : List.<Participant>of()) {
            var earlier = SeparationOfDuties.earlierApprovedStep(rules, decisions, person.id(), current);
            if (earlier.isPresent()) {
                // name whoever approved it: the delegate themself, or the delegator they would act for
                return Optional.of(
                        ApprovedAnEarlierStep.of(request, person.id(), person.username(), earlier.getAsInt()));
            }
        }
        return Optional.empty();
    }

    /** Whether the person may decide (or, {@code approving}, approve) the current step now for some delegator; never throws. */
    static boolean letsDecideForSomeone(
            AccessRequest request,
            String username,
            String userId,
            List<Delegation> delegations,
            Instant at,
            boolean approving) {
        return delegators(request, userId, delegations, at).stream()
                .anyMatch(d -> whyNot(request, username, userId, d, approving).isEmpty());
    }

    /**
     * Whether the person may see the request through a delegation: they decided it for someone, or one
     * of these delegations to them makes them an approver of its current step (one the delegator has
     * not decided) or one still to come.
     * A delegation opens what the delegate may decide while it runs, never the delegator's closed or
     * past requests.
     */
    static boolean involvesThrough(AccessRequest request, String userId, List<Delegation> inForce, Instant at) {
        if (request.decisions().stream().anyMatch(d -> userId.equals(d.approverId()))) {
            return true;
        }
        if (request.status() != RequestStatus.PENDING) {
            return false;
        }
        int current = request.currentStep();
        List<RequestStep> steps = request.steps();
        // a step the delegator has decided already is one the delegation lets nobody decide (rule 4)
        return inForce.stream()
                .anyMatch(d -> d.delegate().id().equals(userId)
                        && d.inForceAt(at)
                        && d.covers(request.details().resource())
                        && IntStream.range(Math.min(current, steps.size()), steps.size())
                                .anyMatch(i ->
                                        steps.get(i).isEligible(d.delegator().id())
                                                && (i != current
                                                        || !SeparationOfDuties.hasDecided(
                                                                request.decisions(),
                                                                d.delegator().id(),
                                                                current))));
    }
}
