package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A session ended by a sign-out: the person pressed Sign out, having signed in with their password or
 * through single sign-on, or the provider said they signed out there (back-channel logout), recorded
 * when the session met it, as the person who held it. One action for both, told apart by the note.
 */
public record SignedOut(Actor actor, String note) implements AuditableEvent {

    static SignedOut byThemselves(Actor actor, SignedIn.Method method) {
        return new SignedOut(actor, method + ": they signed out");
    }

    static SignedOut byTheProvider(Actor actor) {
        return new SignedOut(actor, "single sign-on: the provider signed them out");
    }

    @Override
    public String action() {
        return "user.signed_out";
    }

    @Override
    public String target() {
        return "user:" + actor.username();
    }
}
