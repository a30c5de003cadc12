package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record GroupDeleted(Actor actor, Group group) implements AuditableEvent {

    @Override
    public String action() {
        return "group.deleted";
    }

    @Override
    public String target() {
        return "group:" + group.name();
    }

    @Override
    public String note() {
        return group.members().size() + " members, " + group.managers().size() + " managers";
    }
}
