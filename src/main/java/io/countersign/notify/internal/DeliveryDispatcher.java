package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import io.countersign.notify.DeliveryState;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationDeliveryDead;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationSender;
import io.countersign.notify.SendResult;
import io.countersign.notify.WebhookDeliveryDead;
import io.countersign.shared.Actor;
import io.countersign.shared.database.NotificationFence;
import io.countersign.shared.secrets.SecretCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
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
    private final WebhookStore webhooks;
    private final SecretCipher cipher;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Map<String, ExecutorService> lanes = new ConcurrentHashMap<>();
    private final ServerPauses pauses;
    private final Counter signingFailures;
    private final NotificationSenders notificationSenders;
    private final JsonMapper json;
    private final OutboxLag lag;
    private final NotificationFence fence;

    public DeliveryDispatcher(
            DueDeliveries deliveries,
            WebhookStore webhooks,
            SecretCipher cipher,
            WebhookSender sender,
            WebhookProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            MeterRegistry meters,
            NotificationSenders notificationSenders,
            JsonMapper json,
            OutboxLag lag,
            NotificationFence fence,
            ServerPauses pauses) {
        this.pauses = pauses;
        this.lag = lag;
        this.fence = fence;
        this.notificationSenders = notificationSenders;
        this.json = json;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.cipher = cipher;
        this.sender = sender;
        this.properties = properties;
        this.schedule = properties.retrySchedule();
        this.clock = clock;
        this.transactions = transactions;
        this.events = events;
        this.signingFailures = Counter.builder("countersign.webhooks.signing.failures")
                .description("Delivery attempts that could not be signed because no secret of the webhook"
                        + " could be decrypted with this instance's key")
                .register(meters);
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
            // the delivery stays due and is tried again on the next run
            log.warn("Could not record an attempt of delivery {} {}", due.id(), whereTo(due, destination), e);
        }
    }

    private void attempt(DueDeliveries.Due due, String destination) {
        Instant at = clock.instant();
        lag.attempting(due, at);
        long started = System.nanoTime();
        Result result = due.isWebhook() ? post(due, at) : send(due);
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        transactions.executeWithoutResult(tx -> record(due, at, result, durationMs, destination));
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

    /** What an attempt came to, for webhooks and notifications alike. */
    private record Result(
            boolean succeeded,
            Integer statusCode,
            String error,
            boolean permanent,
            java.time.Duration retryAfter,
            boolean unreachable,
            boolean skipped) {

        Result(boolean succeeded, Integer statusCode, String error, boolean permanent) {
            this(succeeded, statusCode, error, permanent, null, false, false);
        }

        /** Whether the channel's server answered: delivered, or failed by its own answer. */
        boolean answered() {
            return succeeded || (!permanent && !unreachable);
        }
    }

    private Result post(DueDeliveries.Due due, Instant at) {
        WebhookSender.Outcome outcome;
        try {
            outcome = signedPost(due, at);
        } catch (RuntimeException e) {
            // a failed attempt like any other: left due, the delivery would be tried on every run forever
            ThrownFailures.warn(log, due, "posting to webhook " + due.webhookId(), e);
            outcome = new WebhookSender.Outcome(null, ThrownFailures.inWords(e));
        }
        return new Result(
                outcome.succeeded(),
                outcome.statusCode(),
                outcome.error(),
                outcome.refused(),
                null,
                outcome.unreachable(),
                false);
    }

    private WebhookSender.Outcome signedPost(DueDeliveries.Due due, Instant at) {
        return signedSecrets(due)
                .map(secrets -> sender.send(
                        due.url(),
                        due.eventId(),
                        at.getEpochSecond(),
                        due.payload(),
                        Signatures.header(secrets, at.getEpochSecond(), due.payload())))
                .orElseGet(() -> new WebhookSender.Outcome(null, "no signing secret can be read; see the service log"));
    }

    /** Hands a notification to its channel's sender; a sender that throws has failed this attempt. */
    private Result send(DueDeliveries.Due due) {
        Optional<NotificationSender> channelSender = notificationSenders.forChannel(due.channel());
        if (channelSender.isEmpty()) {
            return new Result(false, null, "no sender is installed for channel " + due.channel(), false);
        }
        SendResult sent;
        try {
            sent = channelSender.get().send(notificationOf(due));
        } catch (RuntimeException e) {
            ThrownFailures.warn(log, due, "the " + due.channel() + " sender", e);
            sent = SendResult.failed("the " + due.channel() + " sender " + ThrownFailures.inWords(e));
        }
        String error = sent.delivered() ? null : WebhookSender.truncate(sent.error() == null ? "failed" : sent.error());
        return new Result(
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

    private Optional<List<String>> signedSecrets(DueDeliveries.Due due) {
        try {
            List<String> secrets = webhooks.secrets(due.webhookId()).stream()
                    .map(s -> cipher.decrypt(s.ciphertext(), SecretContext.of(due.webhookId(), s.number())))
                    .toList();
            if (secrets.isEmpty()) {
                signingFailures.increment();
                return Optional.empty();
            }
            return Optional.of(secrets);
        } catch (SecretCipher.UndecryptableSecretException e) {
            signingFailures.increment();
            log.error(
                    "Cannot sign deliveries to webhook {}: {}. Every instance must use the same"
                            + " COUNTERSIGN_ENCRYPTION_KEY.",
                    due.webhookId(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    private void record(DueDeliveries.Due due, Instant at, Result result, long durationMs, String destination) {
        if (result.succeeded()) {
            deliveries.recordAttempt(due, at, DeliveryState.DELIVERED, result.statusCode(), null, durationMs, null);
            return;
        }
        if (result.skipped()) {
            // nothing failed: no dead letter, no warning and no audit entry, only the delivery's own record
            deliveries.recordAttempt(
                    due, at, DeliveryState.SKIPPED, result.statusCode(), result.error(), durationMs, null);
            return;
        }
        Optional<Instant> next = result.permanent()
                ? Optional.empty()
                : schedule.nextAttempt(
                                due.roundStartedAt(),
                                at,
                                due.roundAttempts() + 1,
                                ThreadLocalRandom.current().nextDouble())
                        .map(scheduled -> RetrySchedule.notBefore(
                                scheduled,
                                at,
                                result.retryAfter(),
                                due.roundStartedAt().plus(schedule.retryFor())));
        DeliveryState state = next.isPresent() ? DeliveryState.PENDING : DeliveryState.DEAD;
        boolean recorded = deliveries.recordAttempt(
                due, at, state, result.statusCode(), result.error(), durationMs, next.orElse(null));
        if (recorded && state == DeliveryState.DEAD) {
            int attempts = due.attempts() + 1;
            if (due.isWebhook()) {
                log.warn(
                        "Gave up delivering {} event {} to webhook {} after {} attempts: {}",
                        due.type(),
                        due.eventId(),
                        due.webhookId(),
                        attempts,
                        result.error());
                events.publishEvent(new WebhookDeliveryDead(
                        Actor.system(), due.webhookId(), due.id(), due.eventId(), due.type(), attempts));
            } else {
                log.warn(
                        "Gave up delivering {} notification {} {} after {} attempts: {}",
                        due.type(),
                        due.eventId(),
                        whereTo(due, destination),
                        attempts,
                        result.error());
                events.publishEvent(new NotificationDeliveryDead(
                        Actor.system(),
                        due.id(),
                        due.type(),
                        due.channel(),
                        due.recipientId(),
                        due.recipient(),
                        due.requestId(),
                        due.grantId(),
                        attempts,
                        result.error()));
            }
        }
    }

    /**
     * Where the delivery goes, for the log: a webhook, a person, or a chat channel for a message posted
     * where everybody sees it, which has no person.
     */
    private static String whereTo(DueDeliveries.Due due, String destination) {
        if (due.isWebhook()) {
            return "to webhook " + due.webhookId();
        }
        if (due.recipientId() != null) {
            return "to user " + due.recipientId() + " on " + due.channel();
        }
        return destination != null ? "to chat channel " + destination + " on " + due.channel() : "on " + due.channel();
    }

    @Override
    public void destroy() {
        lanes.values().forEach(ExecutorService::shutdownNow);
    }
}
