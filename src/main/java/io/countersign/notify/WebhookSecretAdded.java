package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A signing secret was added (the first one, or a second one while rotating); never carries the value. */
public record WebhookSecretAdded(Actor actor, String webhookId, int number) implements AuditableEvent {

    @Override
    public String action() {
        return "webhook.secret_added";
    }

    @Override
    public String target() {
        return "webhook:" + webhookId;
    }

    @Override
    public String note() {
        return "signing secret " + number + " added";
    }
}
