package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

public record GroupUpdated(Actor actor, Group group) implements AuditableEvent {

    @Override
    public String action() {
        return "group.updated";
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
