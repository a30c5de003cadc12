package io.countersign.request;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * Who may decide a request's current step now, as checks that reject with a business-named exception
 * before anything changes: the request is still pending, the person is no forbidden self-approver, an
 * eligible approver of the step who has not decided it, and (to approve) has not approved an earlier
 * step when the policy wants distinct approvers, nor would leave a later step without approvers then.
 */
final class DecisionGuard {

    private DecisionGuard() {}

    /** The request is pending and its time-to-live has not run out at {@code at}. */
    static void ensurePending(AccessRequest request, Instant at) {
        // said alike whether the timers or this call applied the deadline first
        if (request.status() == RequestStatus.EXPIRED) {
            throw new RequestNotPending(request.id(), request.details().expiresAt());
        }
        if (StepTimeout.endedRequestAt(request, request.currentStep())) {
            RequestStep step = request.steps().get(request.currentStep());
            throw new RequestNotPending(TimerOutcome.stepTimedOut(request.id(), step, step, request.status()));
        }
        if (request.status() != RequestStatus.PENDING) {
            throw new RequestNotPending(request.id(), request.status());
        }
        if (!at.isBefore(request.details().expiresAt())) {
            throw new RequestNotPending(request.id(), request.details().expiresAt());
        }
    }

    /**
     * Whether the request waits on this person now, never throwing: pending, the current step lists
     * them (or one of the delegations {@code inForce} lets them decide it for an approver), they have
     * not decided it, and separation of duties would let them approve it.
     */
    static boolean awaits(AccessRequest request, String userId, Instant at, List<Delegation> inForce) {
        return waitsOn(request, userId, at, inForce, true);
    }

    /**
     * As {@link #awaits}, also when the person may only reject: distinct approvers keep one person
     * from counting twice towards access, never from stopping it, so the step still waits on them.
     */
    static boolean awaitsDecision(AccessRequest request, String userId, Instant at, List<Delegation> inForce) {
        return waitsOn(request, userId, at, inForce, false);
    }

    private static boolean waitsOn(
            AccessRequest request, String userId, Instant at, List<Delegation> inForce, boolean toApprove) {
        if (request.status() != RequestStatus.PENDING
                || !at.isBefore(request.details().expiresAt())
                || request.steps().isEmpty()) {
            return false;
        }
        int current = request.currentStep();
        if (request.steps().get(current).isEligible(userId)) {
            return toApprove
                    ? SeparationOfDuties.letsApprove(
                            request.rules(), request.details().requesterId(), request.decisions(), userId, current)
                    : !SeparationOfDuties.isForbiddenSelfDecision(
                                    request.rules(), request.details().requesterId(), userId)
                            && !SeparationOfDuties.hasDecided(request.decisions(), userId, current);
        }
        return Standing.letsDecideForSomeone(request, "", userId, inForce, at, toApprove);
    }

    /** Checks that the person may decide the current step at all; returns that step. */
    static RequestStep mayDecide(AccessRequest request, String username, String userId, Instant at) {
        return mayDecide(request, username, userId, List.of(), at).step();
    }

    /** Checks that the person may approve the current step: also no earlier step under distinct approvers. */
    static RequestStep mayApprove(AccessRequest request, String username, String userId, Instant at) {
        return mayApprove(request, username, userId, List.of(), at).step();
    }

    /**
     * The step the person may decide and on whose behalf ({@link Standing}): their own when they are
     * an eligible approver of it, else an approver's who delegated to them by one of {@code
     * delegations}.
     */
    static Decider mayDecide(
            AccessRequest request, String username, String userId, List<Delegation> delegations, Instant at) {
        return mayDecide(request, username, userId, delegations, at, false);
    }

    private static Decider mayDecide(
            AccessRequest request,
            String username,
            String userId,
            List<Delegation> delegations,
            Instant at,
            boolean approving) {
        ensurePending(request, at);
        if (SeparationOfDuties.isForbiddenSelfDecision(
                request.rules(), request.details().requesterId(), userId)) {
            throw SelfApprovalNotAllowed.forRequester(request.id());
        }
        int current = request.currentStep();
        RequestStep step = request.steps().get(current);
        if (!step.isEligible(userId)) {
            try {
                // a delegate: every rule is checked for both people by the standing itself
                return new Decider(
                        step,
                        Standing.of(request, username, userId, delegations, at, approving)
                                .orElseThrow());
            } catch (NotAnEligibleApprover notAnApprover) {
                // an approval sent again after the first moved the request on is told it was taken
                if (approving) {
                    ApprovedAnEarlierStep.ofMovedOn(request, userId).ifPresent(approved -> {
                        throw approved;
                    });
                }
                throw notAnApprover;
            }
        }
        if (SeparationOfDuties.hasDecided(request.decisions(), userId, current)) {
            throw AlreadyDecided.of(request, userId, username);
        }
        return new Decider(step, null);
    }

    /** The step allows decisions from where this one came, as its {@code allowedDecisionChannels} say. */
    static void ensureChannelAllowed(AccessRequest request, RequestStep step, io.countersign.shared.Channel channel) {
        if (!step.allowsDecisionFrom(channel.name())) {
            throw new DecisionChannelNotAllowed(
                    request.id(), step.index(), channel.name(), step.allowedDecisionChannels());
        }
    }

    /** As {@link #mayDecide(AccessRequest, String, String, List, Instant)}, to approve. */
    static Decider mayApprove(
            AccessRequest request, String username, String userId, List<Delegation> delegations, Instant at) {
        Decider decider = mayDecide(request, username, userId, delegations, at, true);
        OptionalInt earlier = SeparationOfDuties.earlierApprovedStep(
                request.rules(), request.decisions(), userId, request.currentStep());
        if (earlier.isPresent()) {
            throw ApprovedAnEarlierStep.of(request, userId, username, earlier.getAsInt());
        }
        OptionalInt stranded = RemainingApprovers.strandedBy(request, userId, username, decider.onBehalfOf());
        if (stranded.isPresent()) {
            throw new LaterStepWithoutApprover(request.id(), request.currentStep(), stranded.getAsInt());
        }
        return decider;
    }

    /** The step being decided, and the approver a delegate decides it for (null: their own). */
    record Decider(RequestStep step, Participant onBehalfOf) {}

    /** How the audit note heads a decision made for someone else: "On behalf of lisa", "By email, on behalf of lisa". */
    static String noteOf(String means, Participant onBehalfOf) {
        if (onBehalfOf == null) {
            return means;
        }
        return means == null
                ? "On behalf of " + onBehalfOf.username()
                : means + ", on behalf of " + onBehalfOf.username();
    }
}
