package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * The provider vouched for a person, but Countersign did not let them in: {@code refusal} is the code
 * the sign-in page shows it by ({@code inactive_user}), which the audit keeps as the reason, and
 * {@code why} the explanation, which it keeps as the note.
 */
public record SingleSignOnRefused(Actor actor, String refusal, String why) implements AuditableEvent {

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
        return "single sign-on: " + why;
    }

    @Override
    public String reason() {
        return refusal;
    }
}
