package io.countersign.notify.internal;

import io.countersign.notify.SendResult;
import io.countersign.shared.ShortIds;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.CommitWrites;
import io.countersign.shared.database.Pipelined;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Puts notifications into the outbox the dispatcher attempts, and brings a channel's waiting ones forward. */
@Repository
public class NotificationQueue {

    /**
     * What a notification delivery is about and whom it goes to; {@code route} is the configured
     * destination a route sends it to (a chat channel by name), null for a person's own subscription.
     */
    public record Addressed(
            String eventId,
            String kind,
            String channel,
            String recipientId,
            String recipient,
            String route,
            String requestId,
            String grantId,
            Integer step,
            Instant occurredAt,
            String payload) {}

    private final JdbcClient jdbc;
    private final CommitWrites commitWrites;
    private final DeliveryWakes wakes;

    NotificationQueue(JdbcClient jdbc, CommitWrites commitWrites, DeliveryWakes wakes) {
        this.jdbc = jdbc;
        this.commitWrites = commitWrites;
        this.wakes = wakes;
    }

    /**
     * Queues notifications, written just before the transaction commits, each due at once; one whose channel waits for something
     * ({@code waitingFor} says what) carries that as its last error and is due only after {@link
     * SendResult#WAITING}, or when {@link #resume} is called for its channel. The others are sent
     * as soon as the transaction commits.
     */
    public void enqueueAll(List<Addressed> notifications, Instant now, Function<String, Optional<String>> waitingFor) {
        if (notifications.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>(notifications.size());
        Set<String> due = new LinkedHashSet<>();
        for (Addressed notification : notifications) {
            Optional<String> waiting = waitingFor.apply(notification.channel());
            if (waiting.isEmpty()) {
                due.add(notification.channel());
            }
            rows.add(new Object[] {
                ShortIds.next("dlv"),
                notification.eventId(),
                notification.kind(),
                Timestamps.toDb(notification.occurredAt()),
                notification.payload(),
                Timestamps.toDb(now),
                DeliveryStore.dueAt(waiting.isPresent() ? now.plus(SendResult.WAITING) : now),
                waiting.map(WebhookSender::truncate).orElse(null),
                Timestamps.toDb(now),
                notification.channel(),
                notification.recipientId(),
                notification.recipient(),
                notification.requestId(),
                notification.grantId(),
                notification.step(),
                notification.route()
            });
        }
        // written with the transaction's last writes: nothing in it reads them back
        commitWrites.add(
                Pipelined.insert("""
                insert into webhook_deliveries (id, event_id, event_type, occurred_at, payload, state, attempts,
                    round_started_at, round_attempts, next_attempt_at, last_error, created_at, channel, recipient_id,
                    recipient, request_id, grant_id, step, route)""", "(?, ?, ?, ?, ?, 'PENDING', 0, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows));
        due.forEach(wakes::afterCommit);
    }

    /**
     * Makes every pending delivery of the channel that is not yet due, due now; returns how many. Each
     * keeps its round of retries, so one queued longer ago than the retry window is given up after
     * one more attempt.
     */
    public int resume(String channel, Instant now) {
        int resumed = jdbc.sql("""
                        update webhook_deliveries set next_attempt_at = ?
                        where channel = ? and state = 'PENDING' and next_attempt_at > ?""")
                .params(DeliveryStore.dueAt(now), channel, DeliveryStore.dueAt(now))
                .update();
        if (resumed > 0) {
            wakes.afterCommit(channel);
        }
        return resumed;
    }
}
