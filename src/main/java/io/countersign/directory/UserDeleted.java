package io.countersign.directory;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.List;

/** A user was deleted; {@code reports} are the users who had them as manager and now have none. */
public record UserDeleted(Actor actor, User user, List<String> reports) implements AuditableEvent {

    @Override
    public String action() {
        return "user.deleted";
    }

    @Override
    public String target() {
        return "user:" + user.username();
    }

    @Override
    public String note() {
        if (reports.isEmpty()) {
            return "role " + user.role();
        }
        // the audit note is bounded, so a long list of reports is summarised
        String whom = reports.size() <= 10 ? String.join(", ", reports) : reports.size() + " users";
        return "role " + user.role() + "; no longer manager of " + whom;
    }
}
