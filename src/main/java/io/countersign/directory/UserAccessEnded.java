package io.countersign.directory;

import io.countersign.shared.Actor;

/**
 * A user was deactivated or deleted: whatever they hold must end in the same transaction (their
 * grants, their pending requests, their places as approvers). {@code userId} is the internal id the
 * other modules key on; {@code reason} is {@code user deactivated} or {@code user deleted}.
 */
public record UserAccessEnded(Actor actor, String userId, String username, String reason) {

    public static final String DEACTIVATED = "user deactivated";
    public static final String DELETED = "user deleted";
}
