package io.countersign.notify.internal;

import io.countersign.notify.NotificationKind;
import io.countersign.shared.database.SharedCache;
import io.countersign.shared.database.SharedCaches;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The administrator's default channels per kind of notification, and each user's own choices, which
 * override the default kind by kind. A list of channels is stored comma-separated, empty for none.
 */
@Repository
public class SubscriptionStore {

    private final JdbcClient jdbc;

    /**
     * The channels per user and kind, read once rather than once per notification. Stale for the
     * milliseconds a change takes to reach the other instances, which is harmless (docs/adr/0027):
     * it decides only on which channels a person is told, never what waits on them.
     */
    private final SharedCache<Map.Entry<String, NotificationKind>, List<String>> channels;

    public SubscriptionStore(JdbcClient jdbc, SharedCaches caches) {
        this.jdbc = jdbc;
        this.channels = caches.create("notification_subscriptions", Duration.ofSeconds(10));
    }

    /** The channels the user receives this kind on: their own choice, else the current default. */
    public List<String> channelsFor(String userId, NotificationKind kind) {
        return channels.get(Map.entry(userId, kind), key -> read(key.getKey(), key.getValue()));
    }

    private List<String> read(String userId, NotificationKind kind) {
        return jdbc.sql("""
                        select coalesce(
                            (select channels from notification_subscriptions where user_id = :user and kind = :kind),
                            (select channels from notification_defaults where kind = :kind))""")
                .param("user", userId)
                .param("kind", kind.name())
                .query(String.class)
                .optional()
                .map(SubscriptionStore::split)
                .orElse(List.of());
    }

    public Map<NotificationKind, List<String>> defaults() {
        return read("select kind, channels from notification_defaults", Map.of());
    }

    /** Only the kinds the user chose for themself. */
    public Map<NotificationKind, List<String>> choicesOf(String userId) {
        return read(
                "select kind, channels from notification_subscriptions where user_id = :user", Map.of("user", userId));
    }

    public void replaceDefault(NotificationKind kind, List<String> channels) {
        this.channels.changed();
        int inserted = jdbc.sql(
                        "insert into notification_defaults (kind, channels) values (?, ?) on conflict do nothing")
                .params(kind.name(), join(channels))
                .update();
        if (inserted == 0) {
            jdbc.sql("update notification_defaults set channels = ? where kind = ?")
                    .params(join(channels), kind.name())
                    .update();
        }
    }

    /** Stores the user's choice for a kind; null makes the kind follow the default again. */
    public void replaceChoice(String userId, NotificationKind kind, List<String> channels) {
        this.channels.changed();
        if (channels == null) {
            jdbc.sql("delete from notification_subscriptions where user_id = ? and kind = ?")
                    .params(userId, kind.name())
                    .update();
            return;
        }
        // a save at the same moment (a second click, an administrator) may insert the row first: the
        // insert then waits for it and gives way, and the update makes this save the last one
        int inserted = jdbc.sql(
                        "insert into notification_subscriptions (user_id, kind, channels) values (?, ?, ?) on conflict do nothing")
                .params(userId, kind.name(), join(channels))
                .update();
        if (inserted == 0) {
            jdbc.sql("update notification_subscriptions set channels = ? where user_id = ? and kind = ?")
                    .params(join(channels), userId, kind.name())
                    .update();
        }
    }

    private Map<NotificationKind, List<String>> read(String sql, Map<String, ?> params) {
        Map<NotificationKind, List<String>> found = new EnumMap<>(NotificationKind.class);
        jdbc.sql(sql).params(params).query(rs -> {
            try {
                found.put(NotificationKind.valueOf(rs.getString("kind")), split(rs.getString("channels")));
            } catch (IllegalArgumentException e) {
                // a kind this version no longer knows: ignored
            }
        });
        return found;
    }

    private static String join(List<String> channels) {
        return String.join(",", channels);
    }

    private static List<String> split(String channels) {
        return channels == null || channels.isEmpty() ? List.of() : Arrays.asList(channels.split(","));
    }
}
