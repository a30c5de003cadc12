package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/**
 * A person signed in to the pages, with their password or through single sign-on; {@code detail} is
 * the provider's subject and how it matched for a single sign-on, null otherwise.
 */
public record SignedIn(Actor actor, Method method, String detail) implements AuditableEvent {

    /** How a person signed in, as the audit note names it. */
    public enum Method {
        PASSWORD("password"),
        SINGLE_SIGN_ON("single sign-on");

        private final String note;

        Method(String note) {
            this.note = note;
        }

        @Override
        public String toString() {
            return note;
        }
    }

    @Override
    public String action() {
        return "user.signed_in";
    }

    @Override
    public String target() {
        return "user:" + actor.username();
    }

    @Override
    public String note() {
        return detail == null ? method.note : method.note + ": " + detail;
    }
}
