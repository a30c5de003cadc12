package io.countersign.notify.internal;

import io.countersign.notify.NotificationKind;
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

    public SubscriptionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The channels the user receives this kind on: their own choice, else the current default. */
    public List<String> channelsFor(String userId, NotificationKind kind) {
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
        int updated = jdbc.sql("update notification_defaults set channels = ? where kind = ?")
                .params(join(channels), kind.name())
                .update();
        if (updated == 0) {
            jdbc.sql("insert into notification_defaults (kind, channels) values (?, ?)")
                    .params(kind.name(), join(channels))
                    .update();
        }
    }

    /** Stores the user's choice for a kind; null makes the kind follow the default again. */
    public void replaceChoice(String userId, NotificationKind kind, List<String> channels) {
        jdbc.sql("delete from notification_subscriptions where user_id = ? and kind = ?")
                .params(userId, kind.name())
                .update();
        if (channels != null) {
            jdbc.sql("insert into notification_subscriptions (user_id, kind, channels) values (?, ?, ?)")
                    .params(userId, kind.name(), join(channels))
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
