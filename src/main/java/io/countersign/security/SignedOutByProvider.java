package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A session signed in through single sign-on was ended because the provider said the person signed
 * out there (back-channel logout); recorded when the session met it, as the person who held it.
 */
public record SignedOutByProvider(Actor actor) implements AuditableEvent {

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
        return "single sign-on: the provider signed them out";
    }
}
