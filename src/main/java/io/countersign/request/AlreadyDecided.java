package io.countersign.request;

import io.countersign.shared.ConflictException;
import java.util.function.IntFunction;

/**
 * One person counts once per step: a second approval or rejection by the same person is refused,
 * naming who decided, and for whom when a delegate did.
 */
public class AlreadyDecided extends ConflictException implements NamesSteps {

    private final Words words;

    private AlreadyDecided(Words words, IntFunction<String> number) {
        super(words.say(number));
        this.words = words;
    }

    private static AlreadyDecided of(String who, String requestId, int step, String forWhom) {
        return new AlreadyDecided(
                number -> who + " has already decided step " + number.apply(step) + " of request " + requestId + forWhom
                        + ".",
                FROM_ONE);
    }

    /** The refusal for the person {@code userId}, called {@code username}, whom a decision on the current step took up. */
    static AlreadyDecided of(AccessRequest request, String userId, String username) {
        int step = request.currentStep();
        return request.decisions().stream()
                .filter(d -> d.step() == step && d.takesUp(userId))
                .findFirst()
                .map(d -> of("'" + d.approver() + "'", request.id(), step, onBehalf(d)))
                .orElseGet(() -> of("'" + username + "'", request.id(), step, ""));
    }

    @Override
    public AlreadyDecided readBy(StepReader reader, AccessRequest request) {
        return new AlreadyDecided(words, reader.steps(request));
    }

    static String onBehalf(Decision decision) {
        return decision.onBehalfOf() == null
                ? ""
                : " on behalf of '" + decision.onBehalfOf().username() + "'";
    }
}
