package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import java.io.Serializable;
import java.security.Principal;

/**
 * The authenticated caller: tokens act through {@link Channel#API}, browser sessions through {@link
 * Channel#WEB}. Serializable because a browser's session keeps it.
 */
public record CountersignPrincipal(String username, Role role, Channel channel) implements Principal, Serializable {

    public Actor toActor(String sourceAddress) {
        return new Actor(username, role, channel, sourceAddress);
    }

    @Override
    public String getName() {
        return username;
    }
}
