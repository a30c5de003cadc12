/**
 * Outbound notifications. Webhooks: administrators configure endpoints ({@link
 * io.countersign.notify.Webhooks}); request and grant events, and the audit log's signed
 * checkpoints, are written to an outbox in the transaction of the change they report and delivered,
 * signed, at least once with retries ({@link io.countersign.notify.WebhookDeliveries}). Depends on
 * the other modules; nothing depends on it.
 */
package io.countersign.notify;
