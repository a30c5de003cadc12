package io.countersign.request;

import io.countersign.shared.ConflictException;
import java.util.Optional;

/**
 * The person already approved an earlier step of the request, and the current one is not theirs to
 * approve: with distinct approvers across steps one person cannot satisfy two, and an approval sent
 * again once the first moved the request on (a retry after a lost answer) finds a step that waits on
 * others. A conflict, as a second decision on one step is: the person has decided. The refusal names
 * who approved the earlier step, and for whom when a delegate did.
 */
public class ApprovedAnEarlierStep extends ConflictException {

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

    /**
     * The refusal for the person {@code userId} who sent an approval of an earlier step that already
     * counts, for themselves or as a delegate; empty when none does. A delegator whose delegate approved
     * for them sent nothing that could be sent again, so they are told they are no approver of the step.
     */
    static Optional<ApprovedAnEarlierStep> ofMovedOn(AccessRequest request, String userId) {
        return request.decisions().stream()
                .filter(d -> d.step() < request.currentStep() && d.by(userId) && d.counts() && d.byPerson())
                .findFirst()
                .map(d -> new ApprovedAnEarlierStep("'" + d.approver() + "' already approved step " + (d.step() + 1)
                        + " of request " + request.id() + AlreadyDecided.onBehalf(d)
                        + ", which has moved on to step " + (request.currentStep() + 1) + ". Nothing was decided."));
    }
}
