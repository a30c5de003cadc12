package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;

/** A username reached the allowed number of failed sign-ins and is refused until the window passes. */
public record SignInLockedOut(String username, int failures, String sourceAddress) implements AuditableEvent {

    @Override
    public Actor actor() {
        return new Actor(username, Role.USER, Channel.WEB, sourceAddress);
    }

    @Override
    public String action() {
        return "user.locked_out";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return failures + " failed sign-ins";
    }
}
