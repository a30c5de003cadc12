package io.countersign.audit;

/**
 * The audit event the service records when it gives up delivering an {@code audit.checkpoint} to a
 * webhook ({@code webhook.delivery_dead}, by {@code system}, its note naming the event type). It
 * reports on a checkpoint rather than on anything done to the service, so on its own it is no reason
 * for the next checkpoint: that one would be delivered to the same failing receiver, die and be
 * reported again. It stays in the chain, which verification walks in full, and the next checkpoint
 * signed because of other activity covers it.
 */
final class CheckpointEcho {

    static final String ACTION = "webhook.delivery_dead";
    static final String ACTOR = "system";
    static final String CHANNEL = "SYSTEM";
    /** The note {@code io.countersign.notify.WebhookDeliveryDead} writes for a checkpoint's delivery. */
    static final String NOTE_PATTERN = "delivery % of audit.checkpoint event % gave up after % attempt%";

    private CheckpointEcho() {}
}
