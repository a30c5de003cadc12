package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
        List<String> changes = new ArrayList<>();
        change(changes, "role", before.role(), after.role());
        change(changes, "active", before.active(), after.active());
        change(changes, "level", before.level(), after.level());
        change(changes, "manager", before.manager(), after.manager());
        if (!Objects.equals(before.email(), after.email())) {
            changes.add("email");
        }
        if (!Objects.equals(before.displayName(), after.displayName())) {
            changes.add("displayName");
        }
        return changes.isEmpty() ? "no change" : "changed " + String.join(", ", changes);
    }

    private static void change(List<String> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.add(field + " " + from + " → " + to);
        }
    }
}
