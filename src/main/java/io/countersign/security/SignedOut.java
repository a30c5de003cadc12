package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A person ended their own session with Sign out, which they had signed in to with their password or
 * through single sign-on; the same action as a sign-out the provider reports ({@link SignedOutByProvider}).
 */
public record SignedOut(Actor actor, SignedIn.Method method) implements AuditableEvent {

    @Override
    public String action() {
        return "user.signed_out";
    }

    @Override
    public String target() {
        return "user:" + actor.username();
    }

    @Override
    public String note() {
        return method + ": they signed out";
    }
}
