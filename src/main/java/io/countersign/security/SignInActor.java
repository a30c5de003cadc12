package io.countersign.security;

import io.countersign.directory.User;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import java.util.Optional;

/**
 * Whom a sign-in event names: the user, with the tool role they hold, or a name that is nobody's with
 * no role at all, so that a refused sign-in as an administrator is never audited as a user's.
 */
final class SignInActor {

    /**
     * The actor of a sign-in that names no usable username, which no user can have, so that such
     * attempts stay out of every user's trail.
     */
    static final String NOBODY = "(not a username)";

    private SignInActor() {}

    static Actor of(Optional<User> user, String name, String sourceAddress) {
        return user.map(found -> new Actor(found.username(), found.role(), Channel.WEB, sourceAddress))
                .orElseGet(() -> Actor.withoutRole(name, Channel.WEB, sourceAddress));
    }
}
