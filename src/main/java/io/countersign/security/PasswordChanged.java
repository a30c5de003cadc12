package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A user's sign-in password was set or changed; never carries the password. */
public record PasswordChanged(Actor actor, String username) implements AuditableEvent {

    @Override
    public String action() {
        return "user.password_changed";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return actor.username().equals(username) ? "by the user" : "by " + actor.username();
    }
}
