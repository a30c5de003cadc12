package io.countersign.request;

import io.countersign.shared.ConflictException;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The person already approved an earlier step of the request, and the current one is not theirs to
 * approve: with distinct approvers across steps one person cannot satisfy two, and an approval sent
 * again once the first moved the request on (a retry after a lost answer) finds a step that waits on
 * others. A conflict, as a second decision on one step is: the person has decided. The refusal names
 * who approved the earlier step, and for whom when a delegate did.
 */
public class ApprovedAnEarlierStep extends ConflictException implements NamesSteps {

    private final Words words;

    private ApprovedAnEarlierStep(Words words, IntFunction<String> number) {
        super(words.say(number));
        this.words = words;
    }

    private static ApprovedAnEarlierStep of(Words words) {
        return new ApprovedAnEarlierStep(words, FROM_ONE);
    }

    @Override
    public ApprovedAnEarlierStep readBy(StepReader reader, AccessRequest request) {
        return new ApprovedAnEarlierStep(words, reader.steps(request));
    }

    /** The refusal for the person {@code userId}, called {@code username}, whose approval counts at {@code earlierStep}. */
    static ApprovedAnEarlierStep of(AccessRequest request, String userId, String username, int earlierStep) {
        String rule = "; its policy requires distinct approvers across steps.";
        return request.decisions().stream()
                .filter(d -> d.step() == earlierStep && d.uses(userId) && d.counts() && d.byPerson())
                .filter(d -> d.onBehalfOf() != null)
                .findFirst()
                .map(d -> of(number -> "'" + d.approver() + "' approved step " + number.apply(earlierStep)
                        + " of request " + request.id() + AlreadyDecided.onBehalf(d)
                        + ", so neither may approve a later step"
                        + rule))
                .orElseGet(() -> of(number -> "'" + username + "' approved step " + number.apply(earlierStep)
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
                .map(d -> of(number -> "'" + d.approver() + "' already approved step " + number.apply(d.step())
                        + " of request " + request.id() + AlreadyDecided.onBehalf(d)
                        + ", which has moved on to step " + number.apply(request.currentStep())
                        + ". Nothing was decided."));
    }
}
