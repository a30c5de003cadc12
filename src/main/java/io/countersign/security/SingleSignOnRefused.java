package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** The provider vouched for a person, but Countersign did not let them in. */
public record SingleSignOnRefused(Actor actor, String reason) implements AuditableEvent {

    @Override
    public String action() {
        return "user.sign_in_refused";
    }

    @Override
    public String target() {
        return "user:" + actor.username();
    }

    @Override
    public String note() {
        return "single sign-on: " + reason;
    }
}
