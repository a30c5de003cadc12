package io.countersign.request;

import io.countersign.shared.ForbiddenException;

/**
 * Separation of duties: with distinct approvers across steps, one person cannot satisfy two steps.
 * The refusal names who approved the earlier step, and for whom when a delegate did.
 */
public class ApprovedAnEarlierStep extends ForbiddenException {

    private ApprovedAnEarlierStep(String message) {
        super(message);
    }

    /** The refusal for the person {@code userId}, called {@code username}, whose approval counts at {@code earlierStep}. */
    static ApprovedAnEarlierStep of(AccessRequest request, String userId, String username, int earlierStep) {
        String rule = "; its policy requires distinct approvers across steps.";
        return request.decisions().stream()
                .filter(d -> d.step() == earlierStep && d.uses(userId) && d.counts() && d.byPerson())
                .filter(d -> d.onBehalfOf() != null)
                .findFirst()
                .map(d -> new ApprovedAnEarlierStep("'" + d.approver() + "' approved step " + (earlierStep + 1)
                        + " of request " + request.id() + AlreadyDecided.onBehalf(d)
                        + ", so neither may approve a later step"
                        + rule))
                .orElseGet(() -> new ApprovedAnEarlierStep("'" + username + "' approved step " + (earlierStep + 1)
                        + " of request " + request.id() + " and may not approve a later step" + rule));
    }
}
