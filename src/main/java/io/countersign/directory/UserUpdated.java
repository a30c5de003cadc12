package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.ChangeNote;

public record UserUpdated(Actor actor, User before, User after) implements AuditableEvent {

    @Override
    public String action() {
        return "user.updated";
    }

    @Override
    public String target() {
        return "user:" + after.username();
    }

    /** The fields that changed; old and new values for those that decide what the user may do. */
    @Override
    public String note() {
        return changes(before, after).toString();
    }

    /** What changed between two versions of a user; an import names the users it changed with it too. */
    public static ChangeNote changes(User before, User after) {
        return new ChangeNote()
                .value("role", before.role(), after.role())
                .value("active", before.active(), after.active())
                .value("level", before.level(), after.level())
                .value("manager", before.manager(), after.manager())
                .field("email", before.email(), after.email())
                .field("displayName", before.displayName(), after.displayName());
    }
}
