/**
 * Outbound notifications. Webhooks: administrators configure endpoints ({@link
 * io.countersign.notify.Webhooks}); request and grant events, and the audit log's signed
 * checkpoints, are written to an outbox in the transaction of the change they report and delivered,
 * signed, at least once with retries ({@link io.countersign.notify.WebhookDeliveries}). People:
 * typed listeners decide who must be told what ({@link io.countersign.notify.NotificationKind}),
 * their {@link io.countersign.notify.Subscriptions} choose the channels, and each notification is
 * one delivery per recipient and channel in the same outbox, handed to the {@link
 * io.countersign.notify.NotificationSender} of its channel ({@link
 * io.countersign.notify.NotificationDeliveries}). Depends on the other modules; only the channels'
 * senders (mail's, for one) depend on it, for the sender interface.
 */
package io.countersign.notify;
