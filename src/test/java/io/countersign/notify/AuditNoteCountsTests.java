package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Actor;
import org.junit.jupiter.api.Test;

/** The audit notes that count something say one thing in the singular. */
class AuditNoteCountsTests {

    @Test
    void aDeadDeliveryGaveUpAfterOneAttemptOrSeveralAttempts() {
        assertThat(new WebhookDeliveryDead(Actor.system(), "wh-1", "dlv-1", "e-1", "request.created", 1).note())
                .isEqualTo("delivery dlv-1 of request.created event e-1 gave up after 1 attempt");
        assertThat(new WebhookDeliveryDead(Actor.system(), "wh-1", "dlv-1", "e-1", "request.created", 3).note())
                .endsWith(" gave up after 3 attempts");
    }

    @Test
    void aDeletedWebhookCountsItsDiscardedDeliveriesInWords() {
        assertThat(new WebhookDeleted(Actor.system(), "wh-1", "https://hooks.example/x", 1, 2).note())
                .isEqualTo("https://hooks.example/x; 1 pending delivery and 2 dead deliveries discarded");
        assertThat(new WebhookDeleted(Actor.system(), "wh-1", "https://hooks.example/x", 2, 1).note())
                .isEqualTo("https://hooks.example/x; 2 pending deliveries and 1 dead delivery discarded");
    }
}
