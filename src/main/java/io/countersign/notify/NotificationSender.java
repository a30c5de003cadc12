package io.countersign.notify;

import java.util.Optional;

/**
 * Sends notifications on one channel; adding a channel means adding one bean of this type. The
 * dispatcher calls it outside any transaction with each due delivery of its channel, at least once
 * per delivery (the delivery id lets a receiver drop duplicates).
 */
public interface NotificationSender {

    /** The user-facing channel name, upper case, such as {@code EMAIL} or {@code SLACK}; unique among senders. */
    String channel();

    SendResult send(Notification notification);

    /**
     * Which of the channel's servers the notification goes to, when each of its destinations is a
     * server of its own (a configured chat channel names its own API address or webhook URL): one that
     * cannot be reached then pauses its own deliveries only, not the channel's (docs/adr/0037). Empty
     * for a channel with one server, such as mail's, whose pause is the channel's. Asked before each
     * attempt, so it must be cheap (cached).
     */
    default Optional<String> destination(Notification notification) {
        return Optional.empty();
    }

    /**
     * Whether anything can be sent now: a channel whose destinations are configured by an administrator
     * (chat) gets no deliveries while none is, rather than dead letters for everybody subscribed to it.
     * Asked in the transaction that queues a notification.
     */
    default boolean configured() {
        return true;
    }

    /**
     * Whether a person who subscribed to the channel themselves can be told on it now; their deliveries
     * are not queued otherwise, rather than each dying for the same reason. A chat platform tells them
     * through its default channel (or its only one), so several channels with no default tell nobody.
     */
    default boolean configuredForSubscribers() {
        return configured();
    }

    /**
     * What a channel that queues notifications waits for before it can send any, such as a mail server
     * nobody has saved yet; empty when it can send. A notification queued meanwhile carries this as
     * its last error and is first tried after {@link SendResult#WAITING}, or as soon as {@link
     * NotificationDeliveries#resume} is called for the channel. Asked in the transaction that queues
     * a notification, so it must be cheap (cached).
     */
    default Optional<String> waitingFor() {
        return Optional.empty();
    }
}
