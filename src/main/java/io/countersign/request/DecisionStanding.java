package io.countersign.request;

import io.countersign.shared.Actor;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether a person may approve, or reject, a request's current step now, by the rules the decision
 * itself applies ({@link DecisionGuard}), and for whom; {@code refusal} says why not in the words an
 * action token's refusal uses ({@code EXPIRED} for a step or request whose time ran out). Rejecting
 * asks less than approving: separation of duties across steps keeps one person from counting twice
 * towards access ({@code APPROVED_EARLIER_STEP}, {@code LATER_STEP_WITHOUT_APPROVER}), never from
 * stopping it, so an approver of the step refused those may still reject it. Changes nothing: a
 * deadline that has passed is applied by the timers or by the next decision.
 */
record DecisionStanding(ActionTokenRefused.Reason refusal, Optional<String> onBehalfOf) {

    static DecisionStanding of(
            AccessRequest request,
            Actor actor,
            String userId,
            List<Delegation> inForce,
            Instant at,
            boolean approving) {
        boolean channelRefused = false;
        if (request.status() == RequestStatus.PENDING) {
            RequestStep step = request.steps().get(request.currentStep());
            if (step.deadline() != null && !at.isBefore(step.deadline())) {
                return refused(ActionTokenRefused.Reason.EXPIRED);
            }
            channelRefused = !step.allowsDecisionFrom(actor.channel().name());
        }
        DecisionStanding guarded = guarded(request, actor, userId, inForce, at, approving);
        // where a step is decided is for its approvers to learn; anyone else is told they are none
        if (channelRefused && guarded.refusal() != ActionTokenRefused.Reason.NOT_ELIGIBLE) {
            return refused(ActionTokenRefused.Reason.CHANNEL_NOT_ALLOWED);
        }
        return guarded;
    }

    private static DecisionStanding guarded(
            AccessRequest request,
            Actor actor,
            String userId,
            List<Delegation> inForce,
            Instant at,
            boolean approving) {
        try {
            DecisionGuard.Decider decider = approving
                    ? DecisionGuard.mayApprove(request, actor.username(), userId, inForce, at)
                    : DecisionGuard.mayDecide(request, actor.username(), userId, inForce, at);
            return new DecisionStanding(
                    null, Optional.ofNullable(decider.onBehalfOf()).map(Participant::username));
        } catch (RequestNotPending e) {
            // time that ran out is said alike whether the timers have applied it yet or not
            boolean ranOut = request.status() == RequestStatus.PENDING
                    || request.status() == RequestStatus.EXPIRED
                    || StepTimeout.endedRequestAt(request, request.currentStep());
            return refused(ranOut ? ActionTokenRefused.Reason.EXPIRED : ActionTokenRefused.Reason.NOT_PENDING);
        } catch (SelfApprovalNotAllowed e) {
            return refused(ActionTokenRefused.Reason.OWN_REQUEST);
        } catch (NotAnEligibleApprover e) {
            return refused(ActionTokenRefused.Reason.NOT_ELIGIBLE);
        } catch (AlreadyDecided e) {
            return refused(ActionTokenRefused.Reason.ALREADY_DECIDED);
        } catch (ApprovedAnEarlierStep e) {
            return refused(ActionTokenRefused.Reason.APPROVED_EARLIER_STEP);
        } catch (LaterStepWithoutApprover e) {
            return refused(ActionTokenRefused.Reason.LATER_STEP_WITHOUT_APPROVER);
        }
    }

    private static DecisionStanding refused(ActionTokenRefused.Reason reason) {
        return new DecisionStanding(reason, Optional.empty());
    }
}
