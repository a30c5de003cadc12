package io.countersign.request;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The separation-of-duties rules of a request as small named checks: the requester deciding their
 * own request, one person deciding a step twice, one person satisfying two steps.
 */
final class SeparationOfDuties {

    private SeparationOfDuties() {}

    /** The requester decides their own request only when the policy allows self-approval. */
    static boolean isForbiddenSelfDecision(ApprovalRules rules, String requesterId, String userId) {
        return userId.equals(requesterId) && !rules.allowSelfApproval();
    }

    /** One person counts once per step, whatever their verdict. */
    static boolean hasDecided(List<Decision> decisions, String userId, int step) {
        return decisions.stream().anyMatch(d -> d.step() == step && d.takesUp(userId));
    }

    /**
     * With distinct approvers across steps, the earlier step this person approved, if any; automatic
     * approvals are nobody's and, like withdrawn ones, never count.
     */
    static OptionalInt earlierApprovedStep(ApprovalRules rules, List<Decision> decisions, String userId, int step) {
        if (!rules.distinctApproversAcrossSteps()) {
            return OptionalInt.empty();
        }
        return decisions.stream()
                .filter(d -> d.uses(userId) && d.counts() && d.byPerson() && d.step() < step)
                .mapToInt(Decision::step)
                .findFirst();
    }

    /**
     * Why these rules keep the person from deciding the step, in the words a rejection gives, or empty
     * when they may. A decision of the step counts here even once withdrawn: one person decides a step
     * once (docs/adr/0036).
     */
    static Optional<String> keptOutBecause(
            ApprovalRules rules, String requesterId, List<Decision> decisions, String userId, int step) {
        if (isForbiddenSelfDecision(rules, requesterId, userId)) {
            return Optional.of("made the request");
        }
        if (hasDecided(decisions, userId, step)) {
            return Optional.of("already decided it");
        }
        OptionalInt earlier = earlierApprovedStep(rules, decisions, userId, step);
        return earlier.isPresent() ? Optional.of("approved step " + (earlier.getAsInt() + 1)) : Optional.empty();
    }

    /**
     * Whether these rules let the person decide the step now: not a forbidden self-decision, not
     * decided by them already, and not their second step under distinct approvers.
     */
    static boolean letsApprove(
            ApprovalRules rules, String requesterId, List<Decision> decisions, String userId, int step) {
        return keptOutBecause(rules, requesterId, decisions, userId, step).isEmpty();
    }
}
