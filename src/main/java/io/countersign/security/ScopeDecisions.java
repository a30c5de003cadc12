package io.countersign.security;

import io.countersign.shared.database.DatabaseNotifications;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * What {@link EnforcerScopes#checkOnBehalf} decided, by enforcement point, user and resource: the
 * refusal's message, or empty when allowed. On PostgreSQL a statement trigger on every table the
 * decision rests on (users, scopes, resources and their groups) notifies {@value #CHANNEL} in the
 * writing transaction, and any such notification, or a listening connection lost or restarted,
 * forgets every decision. Callers use a decision only once every change committed before they asked
 * has been seen (see {@link io.countersign.shared.database.NotificationFence}); on H2 nothing is kept.
 */
@Component
class ScopeDecisions {

    static final String CHANNEL = "enforcer_scope_changes";
    // far above the enforcement points times users times resources checked between two changes
    private static final int MAX_ENTRIES = 100_000;

    record Key(String enforcer, String user, String resource) {}

    private final Map<Key, Optional<String>> decisions = new ConcurrentHashMap<>();
    private final boolean enabled;
    private volatile long generation;

    ScopeDecisions(DatabaseNotifications notifications) {
        this.enabled = notifications.available();
        if (enabled) {
            notifications.listen(CHANNEL, payload -> forget());
            notifications.onListening(this::forget);
            notifications.onListeningLost(this::forget);
        }
    }

    boolean enabled() {
        return enabled;
    }

    /** The decision kept for {@code key}; null when there is none. */
    Optional<String> find(Key key) {
        return decisions.get(key);
    }

    /** Take before reading what a decision rests on, to give to {@link #keep}. */
    long generation() {
        return generation;
    }

    /** Keeps a decision read after {@code generation} was taken, unless something changed since. */
    void keep(long generation, Key key, Optional<String> refusal) {
        if (!enabled || decisions.size() >= MAX_ENTRIES) {
            return;
        }
        // atomic with a concurrent forget: that raises the generation before it empties the map
        decisions.compute(key, (k, kept) -> generation == this.generation ? refusal : kept);
    }

    private synchronized void forget() {
        generation++;
        decisions.clear();
    }
}
