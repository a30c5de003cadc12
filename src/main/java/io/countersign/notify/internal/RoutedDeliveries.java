package io.countersign.notify.internal;

import io.countersign.notify.DiscardedNotifications;
import io.countersign.notify.NotificationRoutes;
import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifications of a channel routed to one of its destinations by name (a chat channel), which
 * their payload names ({@link NotificationRoutes#TARGET}).
 */
@Repository
public class RoutedDeliveries {

    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private record Undelivered(String id, String state, String payload) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RoutedDeliveries(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Settles the pending and dead notifications routed to {@code route} as skipped, with {@code reason}
     * as their error: none is sent or can be redelivered, and a send in flight records nothing over it
     * but that it was delivered, when it was ({@link DueDeliveries#recordAttempt}); its claim is left as
     * it was, which is how that attempt finds it again.
     */
    public DiscardedNotifications discard(String channel, String route, String reason, Instant now) {
        List<Undelivered> undelivered = jdbc.sql("""
                        select id, state, payload from webhook_deliveries
                        where channel = ? and state in ('PENDING', 'DEAD') for update""")
                .param(channel)
                .query((rs, n) -> new Undelivered(rs.getString("id"), rs.getString("state"), rs.getString("payload")))
                .list();
        int pending = 0;
        int dead = 0;
        for (Undelivered delivery : undelivered) {
            if (!route.equals(routeOf(delivery.payload()))) {
                continue;
            }
            int settled = jdbc.sql("""
                            update webhook_deliveries set state = 'SKIPPED', last_error = ?, last_attempt_at = ?
                            where id = ? and state = ?""")
                    .params(reason, Timestamps.toDb(now), delivery.id(), delivery.state())
                    .update();
            if (delivery.state().equals("PENDING")) {
                pending += settled;
            } else {
                dead += settled;
            }
        }
        return new DiscardedNotifications(pending, dead);
    }

    private String routeOf(String payload) {
        try {
            Object route = json.readValue(payload, DATA).get(NotificationRoutes.TARGET);
            return route == null ? null : route.toString();
        } catch (JacksonException | IllegalArgumentException unreadable) {
            // an unreadable delivery is routed nowhere: its attempt fails on its own
            return null;
        }
    }
}
