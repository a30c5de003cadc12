package io.countersign.policy;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record PolicyUpdated(Actor actor, PolicyDefinition before, PolicyDefinition policy) implements AuditableEvent {

    @Override
    public String action() {
        return "policy.updated";
    }

    @Override
    public String target() {
        return "policy:" + policy.name();
    }

    /** What changed, field by field; a summary of the policy after the change would hide a step's new approvers. */
    @Override
    public String note() {
        return PolicyChanges.between(before, policy).toString();
    }
}
