package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record UserCreated(Actor actor, User user) implements AuditableEvent {

    @Override
    public String action() {
        return "user.created";
    }

    @Override
    public String target() {
        return "user:" + user.username();
    }

    @Override
    public String note() {
        return "role " + user.role();
    }
}
