package io.countersign.request;

import io.countersign.shared.ConflictException;
import java.util.function.IntFunction;

/**
 * Under distinct approvers across steps, an approval that would leave a later step fewer people who
 * may still approve it than it needs: recorded, it would end a request that could still complete, so
 * it is refused before anything changes.
 */
public class LaterStepWithoutApprover extends ConflictException implements NamesSteps {

    private final Words words;

    LaterStepWithoutApprover(String requestId, int current, int stranded) {
        this(
                number -> "Approving step " + number.apply(current) + " of request " + requestId + " would leave step "
                        + number.apply(stranded) + " without an approver other than the people who already decided;"
                        + " its policy requires distinct approvers across steps. Another approver of step "
                        + number.apply(current) + " may approve it, or you may reject it.",
                FROM_ONE);
    }

    private LaterStepWithoutApprover(Words words, IntFunction<String> number) {
        super(words.say(number));
        this.words = words;
    }

    @Override
    public LaterStepWithoutApprover readBy(StepReader reader, AccessRequest request) {
        return new LaterStepWithoutApprover(words, reader.steps(request));
    }
}
