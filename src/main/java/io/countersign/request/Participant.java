package io.countersign.request;

import java.util.Objects;

/**
 * A person taking part in a request as an approver: the internal user id, which is what counts,
 * and the username the request shows, which stays readable after the user is deleted.
 */
public record Participant(String id, String username) {

    public Participant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(username, "username");
    }
}
