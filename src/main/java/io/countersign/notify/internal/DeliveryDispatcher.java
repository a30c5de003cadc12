package io.countersign.notify.internal;

import io.countersign.notify.DeliveryState;
import io.countersign.notify.WebhookDeliveryDead;
import io.countersign.shared.Actor;
import io.countersign.shared.secrets.SecretCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
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

/**
 * Attempts every delivery that is due. It runs inside one db-scheduler task, which exactly one
 * instance executes at a time, so two instances never attempt the same delivery at once and no
 * locking of our own is needed; the conditional update in {@link DeliveryStore#recordAttempt} guards
 * what remains (an endpoint deleted mid-attempt).
 */
@Component
public class DeliveryDispatcher implements DisposableBean {

    /** Full batches in a row before the task yields to the scheduler, which will call again at once. */
    static final int MAX_BATCHES_PER_RUN = 10;

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final DeliveryStore deliveries;
    private final WebhookStore webhooks;
    private final SecretCipher cipher;
    private final WebhookSender sender;
    private final WebhookProperties properties;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final ExecutorService senders;
    private final Counter signingFailures;

    public DeliveryDispatcher(
            DeliveryStore deliveries,
            WebhookStore webhooks,
            SecretCipher cipher,
            WebhookSender sender,
            WebhookProperties properties,
            Clock clock,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            MeterRegistry meters) {
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
        AtomicInteger counter = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(Math.max(1, properties.threads()), task -> {
            Thread thread = new Thread(task, "webhook-sender-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Attempts the deliveries due now, a batch at a time; returns how many were attempted. */
    public int deliverDue() throws InterruptedException {
        int attempted = 0;
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<DeliveryStore.Due> due = deliveries.due(clock.instant(), properties.batchSize());
            List<Callable<Void>> attempts = due.stream()
                    .map(d -> (Callable<Void>) () -> {
                        attemptSafely(d);
                        return null;
                    })
                    .toList();
            senders.invokeAll(attempts);
            attempted += due.size();
            if (due.size() < properties.batchSize()) {
                break;
            }
        }
        return attempted;
    }

    private void attemptSafely(DeliveryStore.Due due) {
        try {
            attempt(due);
        } catch (RuntimeException e) {
            // the delivery stays due and is tried again on the next run
            log.warn("Could not record an attempt of delivery {} to webhook {}", due.id(), due.webhookId(), e);
        }
    }

    private void attempt(DeliveryStore.Due due) {
        Instant at = clock.instant();
        long started = System.nanoTime();
        WebhookSender.Outcome outcome = signedSecrets(due)
                .map(secrets -> sender.send(
                        due.url(),
                        due.eventId(),
                        at.getEpochSecond(),
                        due.payload(),
                        Signatures.header(secrets, at.getEpochSecond(), due.payload())))
                .orElseGet(() -> new WebhookSender.Outcome(null, "no signing secret can be read; see the service log"));
        long durationMs = (System.nanoTime() - started) / 1_000_000;
        transactions.executeWithoutResult(tx -> record(due, at, outcome, durationMs));
    }

    private Optional<List<String>> signedSecrets(DeliveryStore.Due due) {
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

    private void record(DeliveryStore.Due due, Instant at, WebhookSender.Outcome outcome, long durationMs) {
        if (outcome.succeeded()) {
            deliveries.recordAttempt(due, at, DeliveryState.DELIVERED, outcome.statusCode(), null, durationMs, null);
            return;
        }
        Optional<Instant> next = schedule.nextAttempt(
                due.roundStartedAt(),
                at,
                due.roundAttempts() + 1,
                ThreadLocalRandom.current().nextDouble());
        DeliveryState state = next.isPresent() ? DeliveryState.PENDING : DeliveryState.DEAD;
        boolean recorded = deliveries.recordAttempt(
                due, at, state, outcome.statusCode(), outcome.error(), durationMs, next.orElse(null));
        if (recorded && state == DeliveryState.DEAD) {
            log.warn(
                    "Gave up delivering {} event {} to webhook {} after {} attempts: {}",
                    due.type(),
                    due.eventId(),
                    due.webhookId(),
                    due.attempts() + 1,
                    outcome.error());
            events.publishEvent(new WebhookDeliveryDead(
                    Actor.system(), due.webhookId(), due.id(), due.eventId(), due.type(), due.attempts() + 1));
        }
    }

    @Override
    public void destroy() {
        senders.shutdownNow();
    }
}
