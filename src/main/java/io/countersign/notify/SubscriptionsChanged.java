package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user's choice of notifications changed ({@code username} set), or the administrator's defaults
 * did ({@code username} null); {@code changes} maps each key given to its channels, or to
 * {@code default} where the user went back to following the default.
 */
public record SubscriptionsChanged(Actor actor, String username, Map<String, String> changes)
        implements AuditableEvent {

    public SubscriptionsChanged {
        changes = new TreeMap<>(changes);
    }

    @Override
    public String action() {
        return username == null ? "settings.subscriptions_changed" : "user.subscriptions_changed";
    }

    @Override
    public String target() {
        return username == null ? "settings:subscriptions" : "user:" + username;
    }

    @Override
    public String note() {
        return changes.toString();
    }
}
