package io.countersign.shared;

import java.util.Objects;

/**
 * Who performs an operation, with which tool role, through which channel and from which source
 * address. Every state change carries one so that the audit log can say who did it. The role is null
 * only for {@link #withoutRole someone who is no user}.
 */
public record Actor(String username, Role role, Channel channel, String sourceAddress) {

    /** The audited role of an actor who is no user. */
    public static final String NO_ROLE = "NONE";

    public Actor {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(channel, "channel");
    }

    /**
     * A name that belongs to no user, such as one typed at a refused sign-in: it may do nothing, and
     * the audit log names no role for it rather than one it never had.
     */
    public static Actor withoutRole(String username, Channel channel, String sourceAddress) {
        return new Actor(username, null, channel, sourceAddress);
    }

    /** The service itself: timers, auto-approval, bootstrap. */
    public static Actor system() {
        return new Actor("system", Role.ADMIN, Channel.SYSTEM, null);
    }

    /**
     * The role the audit log names: {@code SYSTEM} for the service itself (the reserved user
     * {@code system}), whose {@code ADMIN} role only lets it act, so that rows written for timers or for
     * refused call backs from strangers are never taken for an administrator's; {@value #NO_ROLE} for
     * someone who is no user.
     */
    public String auditedRole() {
        if (username.equals("system")) {
            return "SYSTEM";
        }
        return role == null ? NO_ROLE : role.name();
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
