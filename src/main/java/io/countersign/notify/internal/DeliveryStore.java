package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.DeliveryAttempt;
import io.countersign.notify.DeliveryState;
import io.countersign.shared.ShortIds;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.Pipelined;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox rows and their attempts, webhook events and notifications to people alike: queuing,
 * listing, redelivery and retention ({@link DueDeliveries} is the sender's side). Every state change
 * is a conditional update on the state, so that a stale writer changes nothing.
 */
@Repository
public class DeliveryStore {

    /**
     * When a delivery is next tried. A pending webhook delivery waits for its endpoint's rest to end
     * (docs/adr/0042), whatever its own due time, and shows that end instead.
     */
    private static final String NEXT_ATTEMPT_AT = """
            case when state = 'PENDING' and webhook_id is not null then coalesce(
                (select w.rests_until from webhooks w
                    where w.id = webhook_deliveries.webhook_id and w.rests_until > webhook_deliveries.next_attempt_at),
                next_attempt_at) else next_attempt_at end as next_attempt_at""";

    private static final String COLUMNS = """
            seq, id, webhook_id, event_id, event_type, occurred_at, state, created_at,
            """ + NEXT_ATTEMPT_AT + """
            ,
            delivered_at, last_status_code, last_error, channel, recipient_id, recipient, request_id, grant_id,
            step""";

    /**
     * A request's notifications. The kind is named in the query so that PostgreSQL may read {@code
     * webhook_deliveries_request}, which holds notifications only (V91, DeliveryPlansOnPostgresTests).
     */
    static final String NOTIFICATIONS_ABOUT =
            "select " + COLUMNS + " from webhook_deliveries where request_id = ? and channel <> 'WEBHOOK' order by seq";

    /** Served by {@code webhook_deliveries_webhook_state}, which holds webhook deliveries only. */
    static final String UNDELIVERED_OF_WEBHOOK = "select count(case when state = 'PENDING' then 1 end),"
            + " count(case when state = 'DEAD' then 1 end)"
            + " from webhook_deliveries where webhook_id = ? and state in ('PENDING', 'DEAD')";

    private final JdbcClient jdbc;
    private final CommitWrites commitWrites;
    private final DeliveryWakes wakes;

    DeliveryStore(JdbcClient jdbc, CommitWrites commitWrites, DeliveryWakes wakes) {
        this.jdbc = jdbc;
        this.commitWrites = commitWrites;
        this.wakes = wakes;
    }

    /** A delivery as it stands, with the sequence number that orders and pages the list. */
    public record Stored(long seq, Delivery delivery) {}

    /**
     * Queues one event for each of these webhooks, due at once and sent as soon as the transaction
     * commits; {@code requestId} and {@code grantId} (either may be null) let an administrator find
     * the deliveries of one request or grant. The rows go with the transaction's last writes: nothing
     * in it reads them back, and a change that ends many requests at once (a user leaving) then
     * costs no round trip per event.
     */
    public void enqueue(
            List<String> webhookIds,
            String eventId,
            String type,
            Instant occurredAt,
            String payload,
            String requestId,
            String grantId,
            Instant now) {
        List<Object[]> rows = webhookIds.stream()
                .map(webhookId -> new Object[] {
                    ShortIds.next("dlv"),
                    webhookId,
                    eventId,
                    type,
                    Timestamps.toDb(occurredAt),
                    payload,
                    Timestamps.toDb(now),
                    dueAt(now),
                    Timestamps.toDb(now),
                    requestId,
                    grantId
                })
                .toList();
        commitWrites.add(Pipelined.insert("""
                insert into webhook_deliveries (id, webhook_id, event_id, event_type, occurred_at, payload, state,
                    attempts, round_started_at, round_attempts, next_attempt_at, created_at, request_id, grant_id)""", "(?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, 0, ?, ?, ?, ?)", rows));
        wakes.afterCommit(Delivery.WEBHOOK);
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

    /** Starts a new round of retries for a dead delivery of the channel, due at once. */
    public boolean revive(String id, String channel, Instant now) {
        boolean revived =
                jdbc.sql("""
                        update webhook_deliveries set state = 'PENDING', round_started_at = ?, round_attempts = 0,
                            next_attempt_at = ?
                        where id = ? and state = 'DEAD'""").params(Timestamps.toDb(now), dueAt(now), id).update() == 1;
        if (revived) {
            wakes.afterCommit(channel);
        }
        return revived;
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
            // a person by id, or a chat channel by the name its messages are listed with
            sql.append(" and (recipient_id = :recipient or (recipient_id is null and recipient = :recipientName))");
            params.put("recipient", filter.recipientId());
            params.put("recipientName", filter.recipientName());
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

    /** How many of a webhook's deliveries wait for an attempt, and how many are dead letters. */
    public record Undelivered(int pending, int dead) {}

    public Undelivered countUndelivered(String webhookId) {
        return jdbc.sql(UNDELIVERED_OF_WEBHOOK)
                .param(webhookId)
                .query((rs, row) -> new Undelivered(rs.getInt(1), rs.getInt(2)))
                .single();
    }

    public void deleteForWebhook(String webhookId) {
        jdbc.sql("delete from webhook_deliveries where webhook_id = ?")
                .param(webhookId)
                .update();
    }

    /**
     * Forgets delivered events older than the retention, skipped notifications as old, and deliveries
     * left behind by an endpoint deleted while they were being written. Dead letters stay until an
     * administrator acts.
     */
    public int purge(Instant deliveredBefore) {
        int delivered = jdbc.sql("""
                        delete from webhook_deliveries
                        where (state = 'DELIVERED' and delivered_at < ?)
                            or (state = 'SKIPPED' and last_attempt_at < ?)""")
                .params(Timestamps.toDb(deliveredBefore), Timestamps.toDb(deliveredBefore))
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

    static Instant instant(ResultSet rs, String column) throws SQLException {
        return Timestamps.fromDb(rs.getObject(column, OffsetDateTime.class));
    }
}
