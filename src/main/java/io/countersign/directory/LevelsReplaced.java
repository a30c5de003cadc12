package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.List;

/** The ordered list of levels was replaced; both lists are lowest first. */
public record LevelsReplaced(Actor actor, List<String> before, List<String> after) implements AuditableEvent {

    @Override
    public String action() {
        return "levels.replaced";
    }

    @Override
    public String target() {
        return "levels";
    }

    @Override
    public String note() {
        return String.join(" < ", before) + " ⇒ " + String.join(" < ", after);
    }
}
