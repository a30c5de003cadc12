package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.ChangeNote;

public record GroupUpdated(Actor actor, Group before, Group group) implements AuditableEvent {

    @Override
    public String action() {
        return "group.updated";
    }

    @Override
    public String target() {
        return "group:" + group.name();
    }

    /** The members and managers added and removed, by name. */
    @Override
    public String note() {
        return new ChangeNote()
                .names("members", before.members(), group.members())
                .names("managers", before.managers(), group.managers())
                .toString();
    }
}
