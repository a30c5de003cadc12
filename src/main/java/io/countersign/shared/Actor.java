package io.countersign.shared;

import java.util.Objects;

/**
 * Who performs an operation, with which tool role, through which channel and from which source
 * address. Every state change carries one so that the audit log can say who did it.
 */
public record Actor(String username, Role role, Channel channel, String sourceAddress) {

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(channel, "channel");
    }

    /** The service itself: timers, auto-approval, bootstrap. */
    public static Actor system() {
        return new Actor("system", Role.ADMIN, Channel.SYSTEM, null);
    }

    public boolean is(Role candidate) {
        return role == candidate;
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public boolean canReadEverything() {
        return role == Role.ADMIN || role == Role.AUDITOR;
    }
}
