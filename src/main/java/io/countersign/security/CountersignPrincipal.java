package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;

/** The authenticated caller: tokens act through {@link Channel#API}, browser sessions through {@link Channel#WEB}. */
public record CountersignPrincipal(String username, Role role, Channel channel) {

    public Actor toActor(String sourceAddress) {
        return new Actor(username, role, channel, sourceAddress);
    }
}
