package io.countersign.policy;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record PolicyCreated(Actor actor, PolicyDefinition policy) implements AuditableEvent {

    @Override
    public String action() {
        return "policy.created";
    }

    @Override
    public String target() {
        return "policy:" + policy.name();
    }

    @Override
    public String note() {
        return PolicyNotes.summary(policy);
    }
}
