package io.countersign.request;

import io.countersign.shared.ForbiddenException;
import java.util.function.IntFunction;

/** The caller is not among the eligible approvers of the step the request is waiting on. */
public class NotAnEligibleApprover extends ForbiddenException implements NamesSteps {

    private final Words words;

    NotAnEligibleApprover(String username, String requestId, int step) {
        this(
                number -> "'" + username + "' is not an eligible approver of step " + number.apply(step)
                        + " of request " + requestId + ".",
                FROM_ONE);
    }

    private NotAnEligibleApprover(Words words, IntFunction<String> number) {
        super(words.say(number));
        this.words = words;
    }

    @Override
    public NotAnEligibleApprover readBy(StepReader reader, AccessRequest request) {
        return new NotAnEligibleApprover(words, reader.steps(request));
    }
}
