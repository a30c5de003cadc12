package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.DeliveryAttempt;
import io.countersign.notify.DeliveryState;
import io.countersign.shared.ShortIds;
import io.countersign.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox rows and their attempts: webhook events and notifications to people alike. Every state change is a conditional update on the state (and,
 * for the sender, on the number of attempts), so that a stale writer changes nothing.
 */
@Repository
public class DeliveryStore {

    private static final String COLUMNS = """
            seq, id, webhook_id, event_id, event_type, occurred_at, state, created_at, next_attempt_at,
            delivered_at, last_status_code, last_error, channel, recipient_id, recipient, request_id, grant_id,
            step""";

    private static final String DUE_COLUMNS = """
            select d.id, d.webhook_id, w.url, d.event_id, d.event_type, d.payload, d.attempts,
                d.round_started_at, d.round_attempts, d.channel, d.recipient_id, d.request_id,
                d.grant_id, d.step, d.occurred_at, d.next_attempt_at
            from webhook_deliveries d left join webhooks w on w.id = d.webhook_id
            """;

    /** The deliveries due on every channel at once, longest waiting first. */
    static final String DUE = DUE_COLUMNS + """
            where d.state = 'PENDING' and d.next_attempt_at <= ?
                and (d.webhook_id is null or w.id is not null)
            order by d.next_attempt_at, d.seq
            limit ?""";

    /**
     * One channel's deliveries due, longest waiting first: served in order by the index {@code
     * webhook_deliveries_channel_due}, so a backlog on another channel is never read and none costs a
     * sort (DeliveryPlansOnPostgresTests).
     */
    static final String DUE_ON_CHANNEL = DUE_COLUMNS + """
            where d.state = 'PENDING' and d.channel = ? and d.next_attempt_at <= ?
                and (d.webhook_id is null or w.id is not null)
            order by d.next_attempt_at, d.seq
            limit ?""";

    /**
     * As {@link #DUE_ON_CHANNEL} for webhooks, without the deliveries of the endpoints that rest (ADR
     * 0037): a backlog of theirs, left due, would otherwise fill every batch and hold up the others.
     */
    static final String DUE_WEBHOOKS_EXCEPT = DUE_COLUMNS + """
            where d.state = 'PENDING' and d.channel = 'WEBHOOK' and d.next_attempt_at <= :now
                and w.id is not null and d.webhook_id not in (:resting)
            order by d.next_attempt_at, d.seq
            limit :limit""";

    /**
     * One attempt's outcome, on the delivery's own row found by its id. The expected state is a
     * parameter, not a literal: a literal {@code 'PENDING'} would let PostgreSQL plan the update as a
     * scan of the pending-only index, and without statistics it costed that scan like the look-up by
     * id (DeliveryPlansOnPostgresTests).
     */
    static final String RECORD_ATTEMPT = """
            update webhook_deliveries set state = ?, attempts = attempts + 1,
                round_attempts = round_attempts + 1, next_attempt_at = ?, last_attempt_at = ?,
                last_status_code = ?, last_error = ?, delivered_at = ?
            where id = ? and state = ? and attempts = ?""";

    /**
     * A request's notifications. The kind is named in the query so that PostgreSQL may read {@code
     * webhook_deliveries_request}, which holds notifications only (V91, DeliveryPlansOnPostgresTests).
     */
    static final String NOTIFICATIONS_ABOUT =
            "select " + COLUMNS + " from webhook_deliveries where request_id = ? and channel <> 'WEBHOOK' order by seq";

    /** Served by {@code webhook_deliveries_webhook_state}, which holds webhook deliveries only. */
    static final String PENDING_OF_WEBHOOK =
            "select count(*) from webhook_deliveries where webhook_id = ? and state = 'PENDING'";

    private final JdbcClient jdbc;

    public DeliveryStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A pending delivery whose next attempt is due, with what the sender needs: the endpoint's URL for a
     * webhook, the recipient and what the notification is about otherwise.
     */
    public record Due(
            String id,
            String webhookId,
            String url,
            String eventId,
            String type,
            String payload,
            int attempts,
            Instant roundStartedAt,
            int roundAttempts,
            String channel,
            String recipientId,
            String requestId,
            String grantId,
            Integer step,
            Instant occurredAt,
            Instant dueAt) {

        public boolean isWebhook() {
            return Delivery.WEBHOOK.equals(channel);
        }
    }

    /** A delivery as it stands, with the sequence number that orders and pages the list. */
    public record Stored(long seq, Delivery delivery) {}

    /**
     * Queues one event for one webhook, due at once; {@code requestId} and {@code grantId} (either may
     * be null) let an administrator find the deliveries of one request or grant.
     */
    public String enqueue(
            String webhookId,
            String eventId,
            String type,
            Instant occurredAt,
            String payload,
            String requestId,
            String grantId,
            Instant now) {
        String id = ShortIds.next("dlv");
        jdbc.sql("""
                        insert into webhook_deliveries (id, webhook_id, event_id, event_type, occurred_at, payload, state,
                            attempts, round_started_at, round_attempts, next_attempt_at, created_at, request_id, grant_id)
                        values (?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, 0, ?, ?, ?, ?)""")
                .params(
                        id,
                        webhookId,
                        eventId,
                        type,
                        Timestamps.toDb(occurredAt),
                        payload,
                        Timestamps.toDb(now),
                        dueAt(now),
                        Timestamps.toDb(now),
                        requestId,
                        grantId)
                .update();
        return id;
    }

    /**
     * Pending deliveries due at {@code now} on every channel, longest waiting first; the join skips the
     * deliveries of deleted endpoints.
     */
    public List<Due> due(Instant now, int limit) {
        return jdbc.sql(DUE)
                .params(Timestamps.toDb(now), limit)
                .query(DeliveryStore::due)
                .list();
    }

    /** As {@link #due(Instant, int)}, for one channel only: what that channel's sender works through. */
    public List<Due> dueOn(String channel, Instant now, int limit) {
        return jdbc.sql(DUE_ON_CHANNEL)
                .params(channel, Timestamps.toDb(now), limit)
                .query(DeliveryStore::due)
                .list();
    }

    /** As {@link #dueOn} for webhooks, leaving out the deliveries to the resting endpoints. */
    public List<Due> dueOnWebhooks(Instant now, int limit, Set<String> resting) {
        if (resting.isEmpty()) {
            return dueOn(Delivery.WEBHOOK, now, limit);
        }
        return jdbc.sql(DUE_WEBHOOKS_EXCEPT)
                .param("now", Timestamps.toDb(now))
                .param("resting", resting)
                .param("limit", limit)
                .query(DeliveryStore::due)
                .list();
    }

    /** The channels with deliveries waiting to be sent, webhooks aside. */
    public List<String> notificationChannelsPending() {
        return jdbc.sql(
                        "select distinct channel from webhook_deliveries where state = 'PENDING' and channel <> 'WEBHOOK'")
                .query(String.class)
                .list();
    }

    private static Due due(ResultSet rs, int row) throws SQLException {
        return new Due(
                rs.getString("id"),
                rs.getString("webhook_id"),
                rs.getString("url"),
                rs.getString("event_id"),
                rs.getString("event_type"),
                rs.getString("payload"),
                rs.getInt("attempts"),
                instant(rs, "round_started_at"),
                rs.getInt("round_attempts"),
                rs.getString("channel"),
                rs.getString("recipient_id"),
                rs.getString("request_id"),
                rs.getString("grant_id"),
                rs.getObject("step", Integer.class),
                instant(rs, "occurred_at"),
                instant(rs, "next_attempt_at"));
    }

    /**
     * Records the outcome of an attempt on {@code due}. {@code nextAttemptAt} is null when the
     * delivery leaves the pending state. Returns false, writing nothing, when the delivery changed
     * meanwhile (deleted with its endpoint, or already attempted by a stale run).
     */
    public boolean recordAttempt(
            Due due,
            Instant at,
            DeliveryState newState,
            Integer statusCode,
            String error,
            long durationMs,
            Instant nextAttemptAt) {
        int updated = jdbc.sql(RECORD_ATTEMPT)
                .params(
                        newState.name(),
                        dueAt(nextAttemptAt),
                        Timestamps.toDb(at),
                        statusCode,
                        error,
                        Timestamps.toDb(newState == DeliveryState.DELIVERED ? at : null),
                        due.id(),
                        DeliveryState.PENDING.name(),
                        due.attempts())
                .update();
        if (updated == 0) {
            return false;
        }
        jdbc.sql("""
                        insert into webhook_attempts (delivery_id, attempted_at, succeeded, status_code, error,
                            duration_ms, next_attempt_at)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        due.id(),
                        Timestamps.toDb(at),
                        newState == DeliveryState.DELIVERED,
                        statusCode,
                        error,
                        durationMs,
                        Timestamps.toDb(nextAttemptAt))
                .update();
        return true;
    }

    public Optional<Stored> find(String id) {
        return withAttempts(jdbc.sql("select " + COLUMNS + " from webhook_deliveries where id = ?")
                        .param(id)
                        .query(DeliveryStore::stored)
                        .list())
                .stream()
                .findFirst();
    }

    /** Locks a delivery row for a state change by an administrator. */
    public Optional<DeliveryState> lockState(String id) {
        return jdbc.sql("select state from webhook_deliveries where id = ? for update")
                .param(id)
                .query((rs, row) -> DeliveryState.valueOf(rs.getString("state")))
                .optional();
    }

    /** Starts a new round of retries for a dead delivery, due at once. */
    public boolean revive(String id, Instant now) {
        return jdbc.sql("""
                        update webhook_deliveries set state = 'PENDING', round_started_at = ?, round_attempts = 0,
                            next_attempt_at = ?
                        where id = ? and state = 'DEAD'""").params(Timestamps.toDb(now), dueAt(now), id).update() == 1;
    }

    /** Newest first; {@code beforeSeq} continues a previous page. */
    public List<Stored> page(DeliveryFilter filter, Long beforeSeq, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from webhook_deliveries where ");
        Map<String, Object> params = new HashMap<>();
        if (filter.notifications()) {
            sql.append("channel <> 'WEBHOOK'");
        } else {
            sql.append("webhook_id = :w");
            params.put("w", filter.webhookId());
        }
        if (filter.state() != null) {
            sql.append(" and state = :state");
            params.put("state", filter.state().name());
        }
        if (filter.recipientId() != null) {
            sql.append(" and recipient_id = :recipient");
            params.put("recipient", filter.recipientId());
        }
        if (filter.channel() != null) {
            sql.append(" and channel = :channel");
            params.put("channel", filter.channel());
        }
        if (beforeSeq != null) {
            sql.append(" and seq < :before");
            params.put("before", beforeSeq);
        }
        sql.append(" order by seq desc limit :limit");
        params.put("limit", limit);
        return withAttempts(jdbc.sql(sql.toString())
                .params(params)
                .query(DeliveryStore::stored)
                .list());
    }

    /** The notifications about a request, oldest first, without their attempts. */
    public List<Delivery> notificationsAbout(String requestId) {
        return jdbc.sql(NOTIFICATIONS_ABOUT).param(requestId).query(DeliveryStore::stored).list().stream()
                .map(Stored::delivery)
                .toList();
    }

    public int countPending(String webhookId) {
        return jdbc.sql(PENDING_OF_WEBHOOK)
                .param(webhookId)
                .query(Integer.class)
                .single();
    }

    public void deleteForWebhook(String webhookId) {
        jdbc.sql("delete from webhook_deliveries where webhook_id = ?")
                .param(webhookId)
                .update();
    }

    /**
     * Forgets delivered events older than the retention, and deliveries left behind by an endpoint
     * deleted while they were being written. Dead letters stay until an administrator acts.
     */
    public int purge(Instant deliveredBefore) {
        int delivered = jdbc.sql("delete from webhook_deliveries where state = 'DELIVERED' and delivered_at < ?")
                .param(Timestamps.toDb(deliveredBefore))
                .update();
        int orphans = jdbc.sql("""
                        delete from webhook_deliveries
                        where webhook_id is not null
                            and not exists (select 1 from webhooks w where w.id = webhook_deliveries.webhook_id)""").update();
        return delivered + orphans;
    }

    private List<Stored> withAttempts(List<Stored> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Map<String, List<DeliveryAttempt>> attempts = new HashMap<>();
        jdbc.sql("""
                        select delivery_id, attempted_at, succeeded, status_code, error, duration_ms, next_attempt_at
                        from webhook_attempts where delivery_id in (:ids) order by id""")
                .param("ids", rows.stream().map(r -> r.delivery().id()).toList())
                .query(rs -> {
                    List<DeliveryAttempt> list =
                            attempts.computeIfAbsent(rs.getString("delivery_id"), k -> new ArrayList<>());
                    list.add(new DeliveryAttempt(
                            list.size() + 1,
                            instant(rs, "attempted_at"),
                            rs.getBoolean("succeeded"),
                            rs.getObject("status_code", Integer.class),
                            rs.getString("error"),
                            rs.getLong("duration_ms"),
                            instant(rs, "next_attempt_at")));
                });
        return rows.stream()
                .map(r -> new Stored(
                        r.seq(),
                        r.delivery()
                                .withAttempts(attempts.getOrDefault(r.delivery().id(), List.of()))))
                .toList();
    }

    private static Stored stored(ResultSet rs, int row) throws SQLException {
        return new Stored(
                rs.getLong("seq"),
                new Delivery(
                        rs.getString("id"),
                        rs.getString("webhook_id"),
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        instant(rs, "occurred_at"),
                        DeliveryState.valueOf(rs.getString("state")),
                        instant(rs, "created_at"),
                        instant(rs, "next_attempt_at"),
                        instant(rs, "delivered_at"),
                        rs.getObject("last_status_code", Integer.class),
                        rs.getString("last_error"),
                        List.of(),
                        rs.getString("channel"),
                        rs.getString("recipient_id"),
                        rs.getString("recipient"),
                        rs.getString("request_id"),
                        rs.getString("grant_id"),
                        rs.getObject("step", Integer.class)));
    }

    /**
     * Due times are cut to milliseconds before they are stored: the databases round finer clocks to
     * microseconds, possibly upwards, and a delivery due "now" would then not be due until the clock
     * moved on.
     */
    static OffsetDateTime dueAt(Instant instant) {
        return Timestamps.toDb(instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
