package io.countersign.notify;

import java.time.Instant;
import java.util.List;

/** A configured endpoint. The secrets are listed by number and age only; their values never leave the service. */
public record Webhook(String id, String url, List<String> events, List<SigningSecret> secrets, Instant createdAt) {

    public Webhook {
        events = List.copyOf(events);
        secrets = List.copyOf(secrets);
    }

    /**
     * One active signing secret; {@code number} names it for removal during a rotation. {@code readable}
     * is false for one sealed with another encryption key than this instance's, which signs nothing.
     */
    public record SigningSecret(int number, Instant createdAt, boolean readable) {}
}
