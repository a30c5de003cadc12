package io.countersign.inventory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record ResourceDeleted(Actor actor, Resource resource) implements AuditableEvent {

    @Override
    public String action() {
        return "resource.deleted";
    }

    @Override
    public String target() {
        return "resource:" + resource.name();
    }

    @Override
    public String note() {
        return resource.type() + "; accounts " + String.join(", ", resource.accounts());
    }
}
