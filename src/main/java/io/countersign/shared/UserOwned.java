package io.countersign.shared;

import java.util.Optional;

/**
 * What a user keeps under their own name ({@code /users/{name}/tokens}, {@code …/delegations}, {@code
 * …/subscriptions}, {@code …/chat-links}): the user and administrators manage it. A caller who may see
 * the user (an auditor) but not this is refused with {@code 403} saying so, as for anything else they
 * see but may not act on, rather than told the user they just read does not exist; to anyone else the
 * user is unknown ({@code 404}), whether or not they exist.
 */
public final class UserOwned {

    private UserOwned() {}

    /**
     * What {@code found} holds for the user {@code owner} (canonical) when {@code actor} may manage
     * their {@code what}, such as {@code "delegations"}.
     *
     * @throws NotFoundException when the user does not exist or the actor may not see them
     * @throws ForbiddenException when the actor may see the user but not manage their {@code what}
     */
    public static <T> T managedBy(Actor actor, String owner, Optional<T> found, String what) {
        T value = found.orElseThrow(() -> new NotFoundException("user", owner));
        if (actor.isAdmin() || actor.username().equals(owner)) {
            return value;
        }
        if (actor.canReadEverything()) {
            throw new ForbiddenException(
                    "Only '" + owner + "' and administrators manage the " + what + " of '" + owner + "'.");
        }
        throw new NotFoundException("user", owner);
    }
}
