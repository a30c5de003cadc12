package io.countersign.notify;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;

/** A signing secret was retired at the end of a rotation. */
public record WebhookSecretRemoved(Actor actor, String webhookId, int number) implements AuditableEvent {

    @Override
    public String action() {
        return "webhook.secret_removed";
    }

    @Override
    public String target() {
        return "webhook:" + webhookId;
    }

    @Override
    public String note() {
        return "signing secret " + number + " removed";
    }
}
