package io.countersign.request;

import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * Who may decide a request's current step now, as checks that reject with a business-named exception
 * before anything changes: the request is still pending, the person is no forbidden self-approver, an
 * eligible approver of the step who has not decided it, and (to approve) has not approved an earlier
 * step when the policy wants distinct approvers.
 */
final class DecisionGuard {

    private DecisionGuard() {}

    /** The request is pending and its time-to-live has not run out at {@code at}. */
    static void ensurePending(AccessRequest request, Instant at) {
        if (request.status() != RequestStatus.PENDING) {
            throw new RequestNotPending(request.id(), request.status());
        }
        if (!at.isBefore(request.details().expiresAt())) {
            throw new RequestNotPending(request.id(), request.details().expiresAt());
        }
    }

    /** Checks that the person may decide the current step at all; returns that step. */
    static RequestStep mayDecide(AccessRequest request, String username, String userId, Instant at) {
        ensurePending(request, at);
        if (SeparationOfDuties.isForbiddenSelfDecision(
                request.rules(), request.details().requesterId(), userId)) {
            throw new SelfApprovalNotAllowed(request.id());
        }
        int current = request.currentStep();
        RequestStep step = request.steps().get(current);
        if (!step.isEligible(userId)) {
            throw new NotAnEligibleApprover(username, request.id(), current);
        }
        if (SeparationOfDuties.hasDecided(request.decisions(), userId, current)) {
            throw new AlreadyDecided(username, request.id(), current);
        }
        return step;
    }

    /** The step allows decisions from where this one came, as its {@code allowedDecisionChannels} say. */
    static void ensureChannelAllowed(AccessRequest request, RequestStep step, io.countersign.shared.Channel channel) {
        if (!step.allowsDecisionFrom(channel.name())) {
            throw new DecisionChannelNotAllowed(
                    request.id(), step.index(), channel.name(), step.allowedDecisionChannels());
        }
    }

    /** Checks that the person may approve the current step: also no earlier step under distinct approvers. */
    static RequestStep mayApprove(AccessRequest request, String username, String userId, Instant at) {
        RequestStep step = mayDecide(request, username, userId, at);
        List<Decision> decisions = request.decisions();
        OptionalInt earlier =
                SeparationOfDuties.earlierApprovedStep(request.rules(), decisions, userId, request.currentStep());
        if (earlier.isPresent()) {
            throw new ApprovedAnEarlierStep(username, request.id(), earlier.getAsInt());
        }
        return step;
    }
}
