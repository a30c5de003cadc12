package io.countersign.notify.internal;

import io.countersign.shared.secrets.SecretCipher;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * One attempt of a webhook delivery: signed with every secret the endpoint has, so that a receiver in
 * the middle of a rotation accepts it under either, and POSTed.
 */
@Component
class SignedWebhookPost {

    private static final Logger log = LoggerFactory.getLogger(SignedWebhookPost.class);

    private final WebhookStore webhooks;
    private final SecretCipher cipher;
    private final WebhookSender sender;
    private final Counter signingFailures;

    SignedWebhookPost(WebhookStore webhooks, SecretCipher cipher, WebhookSender sender, MeterRegistry meters) {
        this.webhooks = webhooks;
        this.cipher = cipher;
        this.sender = sender;
        this.signingFailures = Counter.builder("countersign.webhooks.signing.failures")
                .description("Delivery attempts that could not be signed because no secret of the webhook"
                        + " could be decrypted with this instance's key")
                .register(meters);
    }

    AttemptResult post(DueDeliveries.Due due, Instant at) {
        WebhookSender.Outcome outcome;
        try {
            outcome = signedPost(due, at);
        } catch (RuntimeException e) {
            // a failed attempt like any other: left due, the delivery would be tried on every run forever
            ThrownFailures.warn(log, due, "posting to webhook " + due.webhookId(), e);
            outcome = new WebhookSender.Outcome(null, ThrownFailures.inWords(e));
        }
        return new AttemptResult(
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
}
