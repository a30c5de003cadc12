package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.shared.Actor;
import java.util.List;
import java.util.function.Function;

/**
 * How a break-glass request opens: approved at once, without steps, under a policy whose break-glass
 * block allows it, and its use made known to the policy's emergency list (docs/adr/0021-break-glass.md).
 * What the input must satisfy first is {@link BreakGlassRules}.
 */
final class BreakGlassOpening {

    private BreakGlassOpening() {}

    /**
     * Opens a break-glass request under a plan whose policy allows it: registers
     * {@link RequestCreated}, approves it at once without steps (one SYSTEM decision) and registers
     * {@link BreakGlassUsed} naming the policy's emergency list, who are told of it.
     *
     * @throws IllegalArgumentException when the request is not break-glass or the policy allows none
     */
    static AccessRequest open(RequestDetails details, ApprovalPlan plan, Actor creator, Function<String, String> idOf) {
        if (!details.breakGlass() || plan.breakGlass() == null) {
            throw new IllegalArgumentException("not a break-glass request under a policy that allows one");
        }
        AccessRequest request = AccessRequest.created(details, plan, List.of(), creator);
        request.approveAsBreakGlass(
                "break-glass access under policy '" + plan.policyName() + "'",
                grantId -> BreakGlassUsed.of(creator, details, grantId, plan.policyName(), plan.breakGlass(), idOf));
        return request;
    }
}
