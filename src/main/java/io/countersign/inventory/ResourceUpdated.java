package io.countersign.inventory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.ChangeNote;

public record ResourceUpdated(Actor actor, Resource before, Resource resource) implements AuditableEvent {

    @Override
    public String action() {
        return "resource.updated";
    }

    @Override
    public String target() {
        return "resource:" + resource.name();
    }

    /** The fields that changed, field by field as for users: labels by key, the other sets by name. */
    @Override
    public String note() {
        return changes(before, resource).toString();
    }

    /** What changed between two versions of a resource; an import names the resources it changed with it too. */
    public static ChangeNote changes(Resource before, Resource after) {
        return new ChangeNote()
                .value("type", before.type(), after.type())
                .names("groups", before.groups(), after.groups())
                .entries("labels", before.labels(), after.labels())
                .names("owners", before.owners(), after.owners())
                .names("accounts", before.accounts(), after.accounts());
    }
}
