package io.countersign.policy;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record PolicyDeleted(Actor actor, String name) implements AuditableEvent {

    @Override
    public String action() {
        return "policy.deleted";
    }

    @Override
    public String target() {
        return "policy:" + name;
    }

    @Override
    public String note() {
        return "policy deleted";
    }
}
