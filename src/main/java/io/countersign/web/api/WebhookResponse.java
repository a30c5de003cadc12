package io.countersign.web.api;

import io.countersign.notify.Webhook;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A webhook as the API shows it: never with a secret's value. */
record WebhookResponse(String id, String url, List<String> events, List<SecretResponse> secrets, Instant createdAt) {

    record SecretResponse(
            int number,
            Instant createdAt,

            @Schema(
                    description = "false when this instance's encryption key cannot read the secret (it was stored"
                            + " under another key): it signs nothing, delete it once a new one is added")
            boolean readable) {}

    static WebhookResponse of(Webhook webhook) {
        return new WebhookResponse(
                webhook.id(),
                webhook.url(),
                webhook.events(),
                webhook.secrets().stream()
                        .map(s -> new SecretResponse(s.number(), s.createdAt(), s.readable()))
                        .toList(),
                webhook.createdAt());
    }
}
