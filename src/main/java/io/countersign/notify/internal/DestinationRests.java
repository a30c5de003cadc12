package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.shared.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rest of each destination that could not be reached (a webhook's endpoint, or a chat channel),
 * kept in the database rather than in each instance's memory: an instance that has not met the dead
 * server itself leaves it alone too, and once the rest is over one probe, claimed here, finds out
 * whether it answers again. A dead server then gets one attempt per rest however many instances send
 * (docs/adr/0042, docs/adr/0047). An endpoint's rest is on its own row ({@code webhooks.rests_until}),
 * which the reads of due webhook deliveries join; a chat destination's, which no column of a delivery
 * names for certain, is on a row of {@code destination_rests} by channel and name, read once per run.
 * A channel with one server (mail) keeps its pause in memory ({@link ServerPauses}).
 */
@Repository
public class DestinationRests {

    /** Where the rests of one channel's destinations are kept: a table, and how it names one destination. */
    private record Rows(String table, String key) {

        static final Rows ENDPOINTS = new Rows("webhooks", "id = :destination");
        static final Rows CHAT = new Rows("destination_rests", "channel = :channel and destination = :destination");

        static Rows of(String channel) {
            return Delivery.WEBHOOK.equals(channel) ? ENDPOINTS : CHAT;
        }

        /** The statement {@code sql} on this table, with {@code $key} naming one destination. */
        String sql(String sql) {
            return sql.replace("$table", table).replace("$key", key);
        }
    }

    private final JdbcClient jdbc;
    private final Duration length;

    DestinationRests(JdbcClient jdbc, NotificationProperties properties) {
        this.jdbc = jdbc;
        this.length = properties.unreachablePause();
    }

    /**
     * A chat destination's row as a run read it before its attempts: the end of its rest, null unless it
     * has not answered since it rested, and how many times it was changed or deleted ({@link #forget}).
     */
    record Read(Instant restedUntil, long changes) {

        /** A destination without a row: it never rested and was never changed. */
        static final Read NONE = new Read(null, 0);
    }

    /**
     * Tells every instance that the destination of a delivery just attempted rests, or that it answered
     * ({@code answered}, whatever it said). Any answer to the probe ends the rest; an accepted delivery
     * that was no probe, one in flight when the rest began, does too. Returns false when the attempt
     * could not reach a chat destination that was changed or deleted since it was read: what it met was
     * the old address, and the destination is not rested.
     */
    boolean afterAttempt(
            DueDeliveries.Due due, String destination, AttemptResult result, boolean answered, Instant ended) {
        if (result.unreachable()) {
            return begin(due.channel(), destination, due.destinationChanges(), ended);
        } else if (answered && due.endpointRestedUntil() != null) {
            end(due.channel(), destination);
        } else if (result.succeeded()) {
            answered(due.channel(), destination, ended);
        }
        return true;
    }

    /**
     * The destination could not be reached by an attempt that ended at {@code ended}: it rests from then.
     * A chat destination rests only while it has been changed {@code changes} times, as when the attempt
     * was read; returns whether it rests.
     */
    boolean begin(String channel, String destination, long changes, Instant ended) {
        Rows rows = Rows.of(channel);
        String unchanged = "";
        if (rows == Rows.CHAT) {
            insertRow(channel, destination);
            unchanged = " and changes = :changes";
        }
        return update(rows.sql("update $table set rests_until = :until where $key" + unchanged), channel, destination)
                        .param("until", DeliveryStore.dueAt(ended.plus(length)))
                        .param("changes", changes)
                        .update()
                == 1;
    }

    /** The destination answered a probe: every instance sends its deliveries again. */
    void end(String channel, String destination) {
        update(
                        Rows.of(channel)
                                .sql("update $table set rests_until = null where $key and rests_until is not null"),
                        channel,
                        destination)
                .update();
    }

    /**
     * The destination accepted a delivery that was no probe, by an answer that came at {@code answered}:
     * one sent before its rest began, by this instance or another. The rest ends, as after a probe,
     * unless it began after that answer: the failure that began it is then the newer news. A rest began
     * {@link #length} before it ends; a probe's lease ({@link #claimProbe}) is taken after the rest, so
     * an answer during the probe ends it as well, unless the lease is longer than a rest.
     */
    void answered(String channel, String destination, Instant answered) {
        update(
                        Rows.of(channel)
                                .sql("update $table set rests_until = null where $key and rests_until <= :latest"),
                        channel,
                        destination)
                .param("latest", DeliveryStore.dueAt(answered.plus(length)))
                .update();
    }

    /**
     * Forgets the rest of a chat destination that was deleted, or that now names another address, on
     * every instance, and counts the change: an attempt read before it that cannot reach the old address
     * then rests nothing ({@link #begin}). The row stays, should a channel of that name come again. A
     * webhook endpoint's rest goes with its row.
     */
    public void forget(String channel, String destination) {
        if (Rows.of(channel) == Rows.CHAT) {
            insertRow(channel, destination);
            update(
                            Rows.CHAT.sql("update $table set rests_until = null, changes = changes + 1 where $key"),
                            channel,
                            destination)
                    .update();
        }
    }

    /** How many times the chat destination was changed or deleted ({@link #forget}); 0 for one without a row. */
    public long changes(String channel, String destination) {
        return jdbc.sql("select changes from destination_rests where channel = ? and destination = ?")
                .params(channel, destination)
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    private void insertRow(String channel, String destination) {
        jdbc.sql("insert into destination_rests (channel, destination) values (?, ?) on conflict do nothing")
                .params(channel, destination)
                .update();
    }

    /**
     * The endpoints that rest in this instance's {@code pauses} at {@code now}, less those whose row
     * no longer rests: another instance's answer ended their rest ({@link #answered}), which ends this
     * instance's pause too. The pause stays the guard against a read made just before this instance's
     * own failure was recorded, which the row could not yet show.
     */
    Set<String> restingHere(ServerPauses pauses, Instant now) {
        Set<String> resting = pauses.resting(Delivery.WEBHOOK, now);
        if (resting.isEmpty()) {
            return resting;
        }
        Set<String> onRows = Set.copyOf(jdbc.sql("select id from webhooks where id in (:ids) and rests_until > :now")
                .param("ids", resting)
                .param("now", Timestamps.toDb(now))
                .query(String.class)
                .list());
        resting.stream()
                .filter(id -> !onRows.contains(id))
                .forEach(id -> pauses.afterAttempt(Delivery.WEBHOOK, id, false, true, null, now));
        return onRows;
    }

    /**
     * Brings this instance's pauses of the chat channel's destinations in line with their rows, leaving
     * alone those with a send in flight here ({@code busy}: a probe this instance claimed keeps the others
     * resting until its lease ends). A destination that rests on its row rests here too, though this
     * instance never met it; one whose rest on its row is over but has not answered since is probing
     * here; one whose row no longer rests ends its pause here, as {@link #restingHere} does for
     * endpoints. Returns each destination's row as read: when the rest of one that has not answered since
     * it rested ends, which for those whose rest is over is what their probe claims ({@link
     * #claimProbe}), and how many times it was changed.
     */
    Map<String, Read> mirror(ServerPauses pauses, String channel, Set<String> busy, Instant now) {
        Map<String, Read> onRows = jdbc
                .sql("select destination, rests_until, changes from destination_rests where channel = ?")
                .param(channel)
                .query((rs, row) -> Map.entry(
                        rs.getString(1), new Read(DeliveryStore.instant(rs, "rests_until"), rs.getLong("changes"))))
                .list()
                .stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
        onRows.forEach((destination, read) -> {
            if (read.restedUntil() != null && !busy.contains(destination)) {
                pauses.restsUntil(channel, destination, read.restedUntil());
            }
        });
        pauses.resting(channel, now).stream()
                .filter(destination ->
                        onRows.getOrDefault(destination, Read.NONE).restedUntil() == null
                                && !busy.contains(destination))
                .forEach(destination -> pauses.afterAttempt(channel, destination, false, true, null, now));
        return onRows;
    }

    /**
     * Claims the probe of a destination whose rest is over for this claimed delivery; true when it is no
     * probe, false when another run claimed the probe first.
     */
    boolean claimProbeOf(DueDeliveries.Due claimed, String destination) {
        return claimed.endpointRestedUntil() == null
                || destination == null
                || claimProbe(claimed.channel(), destination, claimed.endpointRestedUntil(), claimed.leasedUntil());
    }

    /**
     * Claims the probe of a destination whose rest, read as {@code restedUntil}, is over, by keeping the
     * others resting until {@code leaseEnd}: should the probe's instance die, the rest ends with its
     * lease. False when another run claimed the probe first.
     */
    boolean claimProbe(String channel, String destination, Instant restedUntil, Instant leaseEnd) {
        return update(
                                Rows.of(channel)
                                        .sql(
                                                "update $table set rests_until = :lease where $key and rests_until = :read"),
                                channel,
                                destination)
                        .param("lease", DeliveryStore.dueAt(leaseEnd))
                        .param("read", DeliveryStore.dueAt(restedUntil))
                        .update()
                == 1;
    }

    private JdbcClient.StatementSpec update(String sql, String channel, String destination) {
        return jdbc.sql(sql).param("channel", channel).param("destination", destination);
    }
}
