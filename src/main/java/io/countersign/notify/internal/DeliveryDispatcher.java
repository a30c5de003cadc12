package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationSender;
import io.countersign.notify.SendResult;
import io.countersign.shared.database.BoundedDatabaseCalls;
import io.countersign.shared.database.NotificationFence;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Attempts the deliveries that are due, one channel at a time: a webhook event is signed and POSTed, a
 * notification is handed to the sender of its channel, outside any transaction. Each channel runs
 * inside a db-scheduler execution of its own, which exactly one instance executes at a time, so two
 * instances never attempt the same delivery at once and no locking of our own is needed; the
 * conditional update in {@link DueDeliveries#recordAttempt} guards what remains (an endpoint deleted
 * mid-attempt). Each channel has its own sender threads and its own {@link ServerPause}, and each
 * webhook endpoint and each chat channel its own pause, so a server that is slow or unreachable holds
 * up none but its own deliveries.
 */
@Component
public class DeliveryDispatcher implements DisposableBean {

    /** Full batches in a row before the task yields to the scheduler, which will call again at once. */
    static final int MAX_BATCHES_PER_RUN = 10;

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final DueDeliveries deliveries;
    private final SignedWebhookPost webhookPost;
    private final AttemptRecords records;
    private final WebhookProperties properties;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final ServerPauses pauses;
    private final NotificationSenders notificationSenders;
    private final JsonMapper json;
    private final OutboxLag lag;
    private final NotificationFence fence;

    public DeliveryDispatcher(
            DueDeliveries deliveries,
            SignedWebhookPost webhookPost,
            AttemptRecords records,
            WebhookProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            NotificationSenders notificationSenders,
            JsonMapper json,
            OutboxLag lag,
            NotificationFence fence,
            ServerPauses pauses) {
        this.deliveries = deliveries;
        this.webhookPost = webhookPost;
        this.records = records;
        this.properties = properties;
        this.clock = clock;
        this.transactions = transactions;
        this.notificationSenders = notificationSenders;
        this.json = json;
        this.lag = lag;
        this.fence = fence;
        this.pauses = pauses;
    }

    /**
     * Attempts the channel's deliveries due now, a batch at a time, unless the channel is paused;
     * returns how many were attempted. Webhooks are never paused as a channel, but each endpoint is,
     * as is each destination of a channel whose sender names them (a chat channel).
     */
    public int deliverDue(String channel) throws InterruptedException {
        ServerPause pause = pauses.of(channel);
        boolean webhooks = Delivery.WEBHOOK.equals(channel);
        Optional<NotificationSender> channelSender =
                webhooks ? Optional.empty() : notificationSenders.forChannel(channel);
        AtomicInteger attempted = new AtomicInteger();
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            Instant now = clock.instant();
            if (!pause.allows(now)) {
                break;
            }
            // after a pause, one delivery finds out whether the server answers again, not a whole batch
            int limit = pause.probing(now) ? 1 : properties.batchSize();
            List<DueDeliveries.Due> due = webhooks
                    ? deliveries.dueOnWebhooks(now, limit, pauses.resting(channel, now))
                    : deliveries.dueOn(channel, now, limit, pauses.held(channel, now));
            if (!due.isEmpty()) {
                // a delivery may have committed a moment ago: what it tells of (a revoke) must already be
                // what every instance's access checks answer (docs/adr/0029)
                fence.waitOutHold();
            }
            Set<String> probed = new HashSet<>();
            List<Callable<Void>> attempts = new ArrayList<>();
            for (DueDeliveries.Due d : due) {
                String destination = destinationOf(d, channelSender);
                if (destination != null && !pauses.allows(channel, destination, now)) {
                    pauses.hold(channel, destination, d.id());
                    continue;
                }
                // a destination whose rest is over is probed by one delivery only; the others stay due
                if (destination != null && pauses.probing(channel, destination, now) && !probed.add(destination)) {
                    continue;
                }
                attempts.add(() -> {
                    // the rest of a batch whose server proved unreachable stays due, untouched
                    Instant at = clock.instant();
                    if (pause.allows(at) && (destination == null || pauses.allows(channel, destination, at))) {
                        attemptSafely(d, destination);
                        attempted.incrementAndGet();
                    }
                    return null;
                });
            }
            lane(channel).invokeAll(attempts);
            if (due.size() < limit) {
                break;
            }
        }
        return attempted.get();
    }

    /**
     * The server of its channel the delivery goes to, when each has its own: a webhook's endpoint, a
     * chat channel; null when the channel has one server.
     */
    private String destinationOf(DueDeliveries.Due due, Optional<NotificationSender> channelSender) {
        if (due.isWebhook()) {
            return due.webhookId();
        }
        try {
            return channelSender
                    .flatMap(s -> s.destination(notificationOf(due)))
                    .orElse(null);
        } catch (RuntimeException e) {
            // an unreadable delivery: its attempt meets the same failure and records it
            return null;
        }
    }

    private ExecutorService lane(String channel) {
        return lanes.computeIfAbsent(channel, c -> {
            AtomicInteger counter = new AtomicInteger();
            return Executors.newFixedThreadPool(properties.threads(), task -> {
                Thread thread = new Thread(
                        task, "delivery-sender-" + c.toLowerCase(Locale.ROOT) + "-" + counter.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        });
    }

    private void attemptSafely(DueDeliveries.Due due, String destination) {
        try {
            attempt(due, destination);
        } catch (RuntimeException e) {
            // the delivery stays due and is tried again on the next run; an unreachable database is
            // said in one line, since its stack trace, one per delivery in flight, tells no more
            if (BoundedDatabaseCalls.isUnavailability(e)) {
                log.warn(
                        "Could not record an attempt of delivery {} {}: the database cannot be reached ({})",
                        due.id(),
                        AttemptRecords.whereTo(due, destination),
                        NestedExceptionUtils.getMostSpecificCause(e).toString());
            } else {
                log.warn(
                        "Could not record an attempt of delivery {} {}",
                        due.id(),
                        AttemptRecords.whereTo(due, destination),
                        e);
            }
        }
    }

    private void attempt(DueDeliveries.Due due, String destination) {
        Instant at = clock.instant();
        lag.attempting(due, at);
        long started = System.nanoTime();
        AttemptResult result = due.isWebhook() ? webhookPost.post(due, at) : send(due);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        transactions.executeWithoutResult(tx -> records.record(due, at, result, durationMs, destination));
        if (destination != null) {
            // each destination is a server of its own; any status a webhook endpoint sent is an answer
            pauses.afterAttempt(
                    due.channel(),
                    destination,
                    result.unreachable(),
                    due.isWebhook() ? result.statusCode() != null : result.answered(),
                    result.error(),
                    clock.instant());
        } else {
            pauses.afterAttempt(
                    due.channel(), result.unreachable(), result.answered(), result.error(), clock.instant());
        }
    }

    /** Hands a notification to its channel's sender; a sender that throws has failed this attempt. */
    private AttemptResult send(DueDeliveries.Due due) {
        Optional<NotificationSender> channelSender = notificationSenders.forChannel(due.channel());
        if (channelSender.isEmpty()) {
            return new AttemptResult(false, null, "no sender is installed for channel " + due.channel(), false);
        }
        SendResult sent;
        try {
            sent = channelSender.get().send(notificationOf(due));
        } catch (RuntimeException e) {
            ThrownFailures.warn(log, due, "the " + due.channel() + " sender", e);
            sent = SendResult.failed("the " + due.channel() + " sender " + ThrownFailures.inWords(e));
        }
        String error = sent.delivered() ? null : WebhookSender.truncate(sent.error() == null ? "failed" : sent.error());
        return new AttemptResult(
                sent.delivered(),
                sent.statusCode(),
                error,
                sent.permanent(),
                sent.retryAfter(),
                sent.unreachable(),
                sent.skipped());
    }

    private Notification notificationOf(DueDeliveries.Due due) {
        Map<String, Object> data = json.readValue(due.payload(), DATA);
        return new Notification(
                due.id(),
                due.eventId(),
                NotificationKind.valueOf(due.type()),
                due.recipientId(),
                due.requestId(),
                due.grantId(),
                due.step(),
                due.occurredAt(),
                data);
    }

    @Override
    public void destroy() {
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}
