package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.DeliveryState;
import io.countersign.shared.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sender's side of the outbox ({@link DeliveryStore} holds the rest): which deliveries are due on a
 * channel, and the outcome of each attempt, written as a conditional update on the state and the
 * number of attempts, so that a stale run changes nothing.
 */
@Repository
public class DueDeliveries {

    private static final String DUE_COLUMNS = """
            select d.id, d.webhook_id, w.url, d.event_id, d.event_type, d.payload, d.attempts,
                d.round_started_at, d.round_attempts, d.channel, d.recipient_id, d.recipient, d.request_id,
                d.grant_id, d.step, d.route, d.occurred_at, d.next_attempt_at, w.rests_until
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
     * 0037), as their rows tell every instance (ADR 0042): a backlog of theirs, left due, would
     * otherwise fill every batch and hold up the others; and without those of the endpoints named
     * (resting on this instance's account, busy, or that had their turn).
     */
    static final String DUE_WEBHOOKS_EXCEPT = DUE_COLUMNS + """
            where d.state = 'PENDING' and d.channel = 'WEBHOOK' and d.next_attempt_at <= :now
                and w.id is not null and d.webhook_id not in (:except)
                and (w.rests_until is null or w.rests_until <= :now)
            order by d.next_attempt_at, d.seq
            limit :limit""";

    /**
     * One webhook endpoint's deliveries due, oldest first, unless it rests: what a sender that has just
     * delivered to it sends next ({@link EndpointBacklog}). Found by {@code
     * webhook_deliveries_webhook_state}, among the endpoint's pending deliveries only.
     */
    static final String DUE_AT_ENDPOINT = DUE_COLUMNS + """
            where d.webhook_id = :webhook and d.state = 'PENDING' and d.channel = 'WEBHOOK'
                and d.next_attempt_at <= :now and (w.rests_until is null or w.rests_until <= :now)
            order by d.next_attempt_at, d.seq
            limit :limit""";

    /**
     * As {@link #DUE_ON_CHANNEL} for a notification channel, without the deliveries held on its resting
     * destinations (ADR 0037), for the same reason as {@link #DUE_WEBHOOKS_EXCEPT}.
     */
    static final String DUE_ON_CHANNEL_EXCEPT = DUE_COLUMNS + """
            where d.state = 'PENDING' and d.channel = :channel and d.next_attempt_at <= :now
                and d.webhook_id is null and d.id not in (:held)
            order by d.next_attempt_at, d.seq
            limit :limit""";

    /**
     * As {@link #DUE_ON_CHANNEL_EXCEPT}, without the deliveries of some destinations either, named by
     * their route ({@link Due#turn}): those that rest or have a send in flight, whose backlog would
     * otherwise fill every batch, and those that have had their turn in this round ({@link Turns}).
     */
    static final String DUE_ON_CHANNEL_EXCEPT_ROUTES = DUE_COLUMNS + """
            where d.state = 'PENDING' and d.channel = :channel and d.next_attempt_at <= :now
                and d.webhook_id is null and d.id not in (:held) and coalesce(d.route, '') not in (:routes)
            order by d.next_attempt_at, d.seq
            limit :limit""";

    /**
     * One attempt's outcome, on the delivery's own row found by its id, in one of two expected states
     * ({@link #recordAttempt}). The expected states are parameters, not literals: a literal {@code
     * 'PENDING'} would let PostgreSQL plan the update as a scan of the pending-only index, and without
     * statistics it costed that scan like the look-up by id (DeliveryPlansOnPostgresTests).
     */
    static final String RECORD_ATTEMPT = """
            update webhook_deliveries set state = ?, attempts = attempts + 1,
                round_attempts = round_attempts + 1, next_attempt_at = ?, last_attempt_at = ?,
                last_status_code = ?, last_error = ?, delivered_at = ?
            where id = ? and state in (?, ?) and attempts = ? and next_attempt_at = ?""";

    /**
     * Claims a due delivery for one attempt by moving its due time to the end of a lease: no other run,
     * here or on another instance, reads it meanwhile, and only one of two runs that read it before
     * can claim it. A lease is not an attempt: the attempts and the round are left as they are.
     */
    static final String CLAIM = """
            update webhook_deliveries set next_attempt_at = ?
            where id = ? and state = ? and attempts = ? and next_attempt_at <= ?""";

    /** Gives a claimed delivery that was not attempted its due time back, unless another run claimed it since. */
    static final String RELEASE = """
            update webhook_deliveries set next_attempt_at = ?
            where id = ? and state = ? and attempts = ? and next_attempt_at = ?""";

    private final JdbcClient jdbc;

    DueDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A pending delivery whose next attempt is due, with what the sender needs: the endpoint's URL for a
     * webhook, the recipient and what the notification is about otherwise. {@code recipient} names the
     * recipient for people to read: a username, or the chat channel of a message nobody in particular
     * is sent. {@code route} is the configured destination a route sent a notification to (a chat
     * channel by name), null for a person's own subscription. {@code endpointRestedUntil} is when the
     * destination's last rest ended (a webhook endpoint's, joined; a chat destination's, read apart), null
     * unless it has not answered since: this delivery is then its probe ({@link DestinationRests}).
     * {@code destinationChanges} is how many times its chat destination had been changed or deleted when
     * it was read, 0 for a webhook. {@code leasedUntil} is the end of this run's claim on it ({@link
     * #claim}), null until claimed.
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
            String recipient,
            String requestId,
            String grantId,
            Integer step,
            String route,
            Instant occurredAt,
            Instant dueAt,
            Instant endpointRestedUntil,
            long destinationChanges,
            Instant leasedUntil) {

        /** The turn of a notification whose channel has destinations of its own: those without a route share one. */
        static final String UNROUTED = "";

        public boolean isWebhook() {
            return Delivery.WEBHOOK.equals(channel);
        }

        /** Which turn the notification takes among its channel's destinations ({@link Turns}). */
        String turn() {
            return route == null ? UNROUTED : route;
        }

        Due leasedUntil(Instant end) {
            return with(endpointRestedUntil, destinationChanges, end);
        }

        /**
         * As read, with its chat destination's row read apart: the end of its rest, when this delivery is
         * then its probe, and how many times it was changed, which a rest it records must still find.
         */
        Due restedAs(DestinationRests.Read read) {
            return with(read.restedUntil(), read.changes(), leasedUntil);
        }

        private Due with(Instant restEnd, long changes, Instant leaseEnd) {
            return new Due(
                    id,
                    webhookId,
                    url,
                    eventId,
                    type,
                    payload,
                    attempts,
                    roundStartedAt,
                    roundAttempts,
                    channel,
                    recipientId,
                    recipient,
                    requestId,
                    grantId,
                    step,
                    route,
                    occurredAt,
                    dueAt,
                    restEnd,
                    changes,
                    leaseEnd);
        }
    }

    /**
     * Claims the delivery, still due at {@code now}, until {@code leaseEnd}: when its attempt has not
     * been recorded by then (the instance sending it stopped or died), any run attempts it again.
     * Empty when another run claimed or attempted it first.
     */
    public Optional<Due> claim(Due due, Instant now, Instant leaseEnd) {
        Instant end = leaseEnd.truncatedTo(ChronoUnit.MILLIS);
        int claimed = jdbc.sql(CLAIM)
                .params(
                        DeliveryStore.dueAt(end),
                        due.id(),
                        DeliveryState.PENDING.name(),
                        due.attempts(),
                        Timestamps.toDb(now))
                .update();
        return claimed == 1 ? Optional.of(due.leasedUntil(end)) : Optional.empty();
    }

    /** Ends this run's claim on a delivery it did not attempt: it is due again at its own time. */
    public boolean release(Due claimed) {
        return jdbc.sql(RELEASE)
                        .params(
                                DeliveryStore.dueAt(claimed.dueAt()),
                                claimed.id(),
                                DeliveryState.PENDING.name(),
                                claimed.attempts(),
                                DeliveryStore.dueAt(claimed.leasedUntil()))
                        .update()
                == 1;
    }

    /**
     * Pending deliveries due at {@code now} on every channel, longest waiting first; the join skips the
     * deliveries of deleted endpoints.
     */
    public List<Due> due(Instant now, int limit) {
        return jdbc.sql(DUE)
                .params(Timestamps.toDb(now), limit)
                .query(DueDeliveries::due)
                .list();
    }

    /** As {@link #due(Instant, int)}, for one channel only: what that channel's sender works through. */
    public List<Due> dueOn(String channel, Instant now, int limit) {
        return jdbc.sql(DUE_ON_CHANNEL)
                .params(channel, Timestamps.toDb(now), limit)
                .query(DueDeliveries::due)
                .list();
    }

    /** As {@link #dueOn}, leaving out the {@code held} deliveries, which wait for their destinations. */
    public List<Due> dueOn(String channel, Instant now, int limit, Set<String> held) {
        if (held.isEmpty()) {
            return dueOn(channel, now, limit);
        }
        return jdbc.sql(DUE_ON_CHANNEL_EXCEPT)
                .param("channel", channel)
                .param("now", Timestamps.toDb(now))
                .param("held", held)
                .param("limit", limit)
                .query(DueDeliveries::due)
                .list();
    }

    /**
     * As {@link #dueOn(String, Instant, int, Set)}, leaving out the deliveries whose {@link Due#turn} is
     * among {@code routes} too.
     */
    public List<Due> dueOn(String channel, Instant now, int limit, Set<String> held, Set<String> routes) {
        if (routes.isEmpty()) {
            return dueOn(channel, now, limit, held);
        }
        return jdbc.sql(DUE_ON_CHANNEL_EXCEPT_ROUTES)
                .param("channel", channel)
                .param("now", Timestamps.toDb(now))
                // no delivery id is empty: one query plan whether any is held or not
                .param("held", held.isEmpty() ? Set.of("") : held)
                .param("routes", routes)
                .param("limit", limit)
                .query(DueDeliveries::due)
                .list();
    }

    /**
     * As {@link #dueOn} for webhooks, leaving out the deliveries to the endpoints that rest on any
     * instance's account, and to those in {@code except} (resting or busy here, or that had their turn).
     */
    public List<Due> dueOnWebhooks(Instant now, int limit, Set<String> except) {
        return jdbc.sql(DUE_WEBHOOKS_EXCEPT)
                .param("now", Timestamps.toDb(now))
                // no webhook id is empty: one query plan whether any endpoint is left out or not
                .param("except", except.isEmpty() ? Set.of("") : except)
                .param("limit", limit)
                .query(DueDeliveries::due)
                .list();
    }

    /** One endpoint's deliveries due at {@code now}, oldest first; none while it rests. */
    public List<Due> dueAtEndpoint(String webhookId, Instant now, int limit) {
        return jdbc.sql(DUE_AT_ENDPOINT)
                .param("webhook", webhookId)
                .param("now", Timestamps.toDb(now))
                .param("limit", limit)
                .query(DueDeliveries::due)
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
                DeliveryStore.instant(rs, "round_started_at"),
                rs.getInt("round_attempts"),
                rs.getString("channel"),
                rs.getString("recipient_id"),
                rs.getString("recipient"),
                rs.getString("request_id"),
                rs.getString("grant_id"),
                rs.getObject("step", Integer.class),
                rs.getString("route"),
                DeliveryStore.instant(rs, "occurred_at"),
                DeliveryStore.instant(rs, "next_attempt_at"),
                DeliveryStore.instant(rs, "rests_until"),
                0,
                null);
    }

    /**
     * Records the outcome of an attempt on {@code due}, which this run claimed. {@code nextAttemptAt} is
     * null when the delivery leaves the pending state. Returns false, writing nothing, when the delivery
     * changed meanwhile (deleted with its endpoint, discarded with its chat channel, or claimed by
     * another run once the lease ran out). A delivery discarded while this attempt was under way
     * ({@link RoutedDeliveries#discard}, which leaves its claim as it was) still records that it was
     * delivered, since it was: to the destination as it was then.
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
                        DeliveryStore.dueAt(nextAttemptAt),
                        Timestamps.toDb(at),
                        statusCode,
                        error,
                        Timestamps.toDb(newState == DeliveryState.DELIVERED ? at : null),
                        due.id(),
                        DeliveryState.PENDING.name(),
                        (newState == DeliveryState.DELIVERED ? DeliveryState.SKIPPED : DeliveryState.PENDING).name(),
                        due.attempts(),
                        DeliveryStore.dueAt(due.leasedUntil()))
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
}
