package io.countersign.security;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;

/** The provider vouched for a person, but Countersign did not let them in. */
public record SingleSignOnRefused(String username, String reason, String sourceAddress) implements AuditableEvent {

    @Override
    public Actor actor() {
        return new Actor(username, Role.USER, Channel.WEB, sourceAddress);
    }

    @Override
    public String action() {
        return "user.sign_in_refused";
    }

    @Override
    public String target() {
        return "user:" + username;
    }

    @Override
    public String note() {
        return "single sign-on: " + reason;
    }
}
