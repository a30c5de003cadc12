package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.BreakGlassPlan;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import java.time.Duration;

/**
 * What a break-glass request must satisfy: a policy that allows it, a justification, access from now
 * on, and no more than the policy's emergency maximum. The steps, ticket and ordinary limits do not
 * apply: nobody is asked first (docs/adr/0021-break-glass.md).
 */
final class BreakGlassRules {

    private BreakGlassRules() {}

    /**
     * Adds every problem of the input to {@code problems} and throws them, also when the governing
     * policy allows no break-glass access (a problem of the input's {@code breakGlass}); a valid input
     * is then refused when its use would be reviewed and has nobody to review it.
     */
    static void check(Problems problems, RequestInput input, ApprovalPlan plan) {
        BreakGlassPlan allowed = plan.breakGlass();
        if (allowed == null) {
            problems.add(
                    "breakGlass",
                    "not_allowed",
                    "policy '" + plan.policyName() + "' allows no break-glass access; ask through its approval"
                            + " steps instead");
            problems.throwIfAny();
        }
        if (RequestValidation.trimToNull(input.justification()) == null) {
            problems.add("justification", "required", "break-glass access requires a justification");
        }
        if (input.startsAt() != null) {
            problems.add("startsAt", "not_allowed", "break-glass access starts at once; leave startsAt out");
        }
        if (input.duration() != null && input.duration().compareTo(allowed.maxDuration()) > 0) {
            problems.add(
                    "duration",
                    "above_maximum",
                    "must not be longer than the " + allowed.maxDuration() + " policy '" + plan.policyName()
                            + "' allows for break-glass access");
        }
        problems.throwIfAny();
        if (allowed.lacksReviewer()) {
            // as a step nobody can approve refuses the request: a use nobody may review is unreviewable;
            // checked after the input so that a caller fixes what is theirs to fix in one round
            throw new RefusedException(
                    BreakGlassPlan.NO_REVIEWER,
                    "Policy '" + plan.policyName() + "' has every break-glass use reviewed, and no active"
                            + " reviewer other than the requester could review this one; an administrator must"
                            + " name other reviewers or reactivate one first.");
        }
    }

    /** The duration asked, or the policy's default duration capped at the emergency maximum. */
    static Duration duration(RequestInput input, ApprovalPlan plan) {
        if (input.duration() != null) {
            return input.duration();
        }
        Duration max = plan.breakGlass().maxDuration();
        Duration usual = plan.limits().defaultDuration();
        return usual != null && usual.compareTo(max) < 0 ? usual : max;
    }
}
