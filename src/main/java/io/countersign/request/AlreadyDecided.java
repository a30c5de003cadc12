package io.countersign.request;

import io.countersign.shared.ConflictException;

/**
 * One person counts once per step: a second approval or rejection by the same person is refused,
 * naming who decided, and for whom when a delegate did.
 */
public class AlreadyDecided extends ConflictException {

    private AlreadyDecided(String who, String requestId, int step, String forWhom) {
        super(who + " has already decided step " + (step + 1) + " of request " + requestId + forWhom + ".");
    }

    /** The refusal for the person {@code userId}, called {@code username}, whom a decision on the current step took up. */
    static AlreadyDecided of(AccessRequest request, String userId, String username) {
        int step = request.currentStep();
        return request.decisions().stream()
                .filter(d -> d.step() == step && d.takesUp(userId))
                .findFirst()
                .map(d -> new AlreadyDecided("'" + d.approver() + "'", request.id(), step, onBehalf(d)))
                .orElseGet(() -> new AlreadyDecided("'" + username + "'", request.id(), step, ""));
    }

    static String onBehalf(Decision decision) {
        return decision.onBehalfOf() == null
                ? ""
                : " on behalf of '" + decision.onBehalfOf().username() + "'";
    }
}
