package io.countersign.request;

import io.countersign.shared.ConflictException;

/** One person counts once per step: a second approval or rejection by the same person is refused. */
public class AlreadyDecided extends ConflictException {

    AlreadyDecided(String username, String requestId, int step) {
        super("'" + username + "' has already decided step " + (step + 1) + " of request " + requestId + ".");
    }
}
