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

    /**
     * The role the audit log names: {@code SYSTEM} for the service itself (the reserved user
     * {@code system}), whose {@code ADMIN} role only lets it act, so that rows written for timers or for
     * refused call backs from strangers are never taken for an administrator's.
     */
    public String auditedRole() {
        return username.equals("system") ? "SYSTEM" : role.name();
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
