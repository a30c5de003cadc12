package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A username reached the allowed number of failed sign-ins and is refused until the window passes. */
public record SignInLockedOut(Actor actor, int failures) implements AuditableEvent {

    @Override
    public String action() {
        return "user.locked_out";
    }

    @Override
    public String target() {
        return "user:" + actor.username();
    }

    @Override
    public String note() {
        return failures + " failed sign-ins";
    }
}
