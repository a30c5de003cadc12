package io.countersign.web.api;

import io.countersign.notify.Webhook;
import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it: never with a secret's value. */
record WebhookResponse(String id, String url, List<String> events, List<SecretResponse> secrets, Instant createdAt) {

    record SecretResponse(int number, Instant createdAt) {}

    static WebhookResponse of(Webhook webhook) {
        return new WebhookResponse(
                webhook.id(),
                webhook.url(),
                webhook.events(),
                webhook.secrets().stream()
                        .map(s -> new SecretResponse(s.number(), s.createdAt()))
                        .toList(),
                webhook.createdAt());
    }
}
