package io.countersign.notify.internal;

import io.countersign.shared.database.BoundedDatabaseCalls;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One attempt of a claimed delivery on a sender thread: the webhook's signed POST or the notification's
 * send, then its outcome recorded with the destination's shared rest in one transaction, and this
 * instance's {@link ServerPauses} told what the server did. A failure to record leaves the delivery to
 * its lease; an instance stopping mid-send gives it back.
 */
@Component
public class DeliveryAttempts {

    private static final Logger log = LoggerFactory.getLogger(DeliveryAttempts.class);

    private final DueDeliveries deliveries;
    private final SignedWebhookPost webhookPost;
    private final AttemptRecords records;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final NotificationAttempts notifications;
    private final OutboxLag lag;
    private final ServerPauses pauses;
    private final DestinationRests rests;

    public DeliveryAttempts(
            DueDeliveries deliveries,
            SignedWebhookPost webhookPost,
            AttemptRecords records,
            Clock clock,
            TransactionTemplate transactions,
            NotificationAttempts notifications,
            OutboxLag lag,
            ServerPauses pauses,
            DestinationRests rests) {
        this.deliveries = deliveries;
        this.webhookPost = webhookPost;
        this.records = records;
        this.clock = clock;
        this.transactions = transactions;
        this.notifications = notifications;
        this.lag = lag;
        this.pauses = pauses;
        this.rests = rests;
    }

    /** Attempts a claimed delivery unless its server rests; true when a webhook endpoint accepted it. */
    boolean attemptUnlessResting(DueDeliveries.Due claimed, String destination) {
        // the rest of a batch whose server proved unreachable stays due, untouched
        Instant at = clock.instant();
        String channel = claimed.channel();
        if (pauses.of(channel).allows(at) && (destination == null || pauses.allows(channel, destination, at))) {
            return attemptSafely(claimed, destination);
        }
        release(claimed);
        return false;
    }

    private boolean attemptSafely(DueDeliveries.Due due, String destination) {
        try {
            return attempt(due, destination);
        } catch (RuntimeException e) {
            // the delivery is tried again once its lease runs out; an unreachable database is
            // said in one line, since its stack trace, one per delivery in flight, tells no more
            if (BoundedDatabaseCalls.isUnavailability(e)) {
                log.warn(
                        "Could not record an attempt of delivery {} {}: {} ({})",
                        due.id(),
                        AttemptRecords.whereTo(due, destination),
                        ThrownFailures.databaseOutage(e),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
            } else {
                log.warn(
                        "Could not record an attempt of delivery {} {}",
                        due.id(),
                        AttemptRecords.whereTo(due, destination),
                        e);
            }
            return false;
        }
    }

    /** True when the delivery was a webhook's and its endpoint accepted it. */
    private boolean attempt(DueDeliveries.Due due, String destination) {
        Instant at = clock.instant();
        lag.attempting(due, at);
        long started = System.nanoTime();
        AttemptResult result = due.isWebhook() ? webhookPost.post(due, at) : notifications.send(due);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        if (Thread.currentThread().isInterrupted()) {
            // the instance is stopping: the delivery is due again at once, for another instance or a restart
            Thread.interrupted();
            release(due);
            return false;
        }
        Instant ended = clock.instant();
        // each destination is a server of its own; any status a webhook endpoint sent is an answer
        boolean answered = due.isWebhook() ? result.statusCode() != null : result.answered();
        // with the attempt, so that no instance reads the destination's deliveries due in between; the rows
        // are taken in the order a deletion takes them, lest the two wait on each other: an endpoint's own
        // row before its delivery's, a chat delivery's before its destination's rest
        boolean sameDestination = Boolean.TRUE.equals(transactions.execute(tx -> {
            if (destination == null) {
                records.record(due, at, result, durationMs, null);
                return true;
            }
            if (due.isWebhook()) {
                boolean same = rests.afterAttempt(due, destination, result, answered, ended);
                records.record(due, at, result, durationMs, destination);
                return same;
            }
            records.record(due, at, result, durationMs, destination);
            return rests.afterAttempt(due, destination, result, answered, ended);
        }));
        if (destination == null) {
            pauses.afterAttempt(due.channel(), result.unreachable(), result.answered(), result.error(), ended);
        } else if (sameDestination) {
            pauses.afterAttempt(due.channel(), destination, result.unreachable(), answered, result.error(), ended);
        } else {
            // what it could not reach was an address the destination no longer has: the new one is not rested
            log.info(
                    "Delivery {} could not reach the {} destination {} as it was before it was changed or deleted",
                    due.id(),
                    due.channel(),
                    destination);
        }
        return due.isWebhook() && result.succeeded();
    }

    /** Gives a claimed delivery back, due as it was; when that fails its lease runs out instead. */
    void release(DueDeliveries.Due claimed) {
        try {
            deliveries.release(claimed);
        } catch (RuntimeException e) {
            // its lease runs out instead
            log.warn(
                    "Could not give delivery {} back to be sent: {}",
                    claimed.id(),
                    NestedExceptionUtils.getMostSpecificCause(e).toString());
        }
    }
}
