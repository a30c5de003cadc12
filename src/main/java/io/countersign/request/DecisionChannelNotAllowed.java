package io.countersign.request;

import io.countersign.shared.ForbiddenException;
import java.util.List;
import java.util.function.IntFunction;

/** The step may not be decided from where this decision came (a high-risk step decided only on the web). */
public class DecisionChannelNotAllowed extends ForbiddenException implements NamesSteps {

    private final Words words;

    DecisionChannelNotAllowed(String requestId, int step, String channel, List<String> allowed) {
        // people count steps from 1, as the pages and the other refusals do
        this(
                number -> "Step " + number.apply(step) + " of request " + requestId + " may not be decided through "
                        + channel + "; it may be decided through " + String.join(", ", allowed) + ".",
                FROM_ONE);
    }

    private DecisionChannelNotAllowed(Words words, IntFunction<String> number) {
        super(words.say(number));
        this.words = words;
    }

    @Override
    public DecisionChannelNotAllowed readBy(StepReader reader, AccessRequest request) {
        return new DecisionChannelNotAllowed(words, reader.steps(request));
    }
}
