package io.countersign.notify.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationSender;
import io.countersign.notify.SendResult;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** One attempt of a notification: read back from its outbox row and handed to its channel's sender. */
@Component
class NotificationAttempts {

    private static final Logger log = LoggerFactory.getLogger(NotificationAttempts.class);
    private static final TypeReference<Map<String, Object>> DATA = new TypeReference<>() {};

    private final NotificationSenders senders;
    private final JsonMapper json;
    private final Directory directory;

    NotificationAttempts(NotificationSenders senders, JsonMapper json, Directory directory) {
        this.senders = senders;
        this.json = json;
        this.directory = directory;
    }

    Optional<NotificationSender> senderOf(String channel) {
        return senders.forChannel(channel);
    }

    /**
     * The server of its channel the delivery goes to, when each has its own: a chat channel; null when the channel has one server.
     */
    String destinationOf(DueDeliveries.Due due, Optional<NotificationSender> channelSender) {
        try {
            return channelSender
                    .flatMap(s -> s.destination(notificationOf(due)))
                    .orElse(null);
        } catch (RuntimeException e) {
            // an unreadable delivery: its attempt meets the same failure and records it
            return null;
        }
    }

    /** Hands a notification to its channel's sender; a sender that throws has failed this attempt. */
    AttemptResult send(DueDeliveries.Due due) {
        Optional<NotificationSender> channelSender = senders.forChannel(due.channel());
        if (channelSender.isEmpty()) {
            return new AttemptResult(false, null, "no sender is installed for channel " + due.channel(), false);
        }
        SendResult sent;
        try {
            sent = deactivatedRecipient(due)
                    .map(username -> SendResult.skipped("Not sent: " + username + " is deactivated."))
                    .orElseGet(() -> channelSender.get().send(notificationOf(due)));
        } catch (RuntimeException e) {
            ThrownFailures.warn(log, due, "the " + due.channel() + " sender", e);
            sent = SendResult.failed("the " + due.channel() + " sender " + ThrownFailures.inWords(e));
        }
        String error = sent.delivered() ? null : WebhookSender.truncate(sent.error() == null ? "failed" : sent.error());
        return new AttemptResult(
                sent.delivered(),
                sent.statusCode(),
                error,
                sent.permanent(),
                sent.retryAfter(),
                sent.unreachable(),
                sent.skipped());
    }

    /**
     * The username of the person the delivery is for when they are deactivated as its turn comes: read
     * afresh for every channel, since what was queued for them (perhaps by a change that raced their
     * deactivation) may not reach them any more. A recipient who no longer exists is left to the sender.
     */
    private Optional<String> deactivatedRecipient(DueDeliveries.Due due) {
        if (due.recipientId() == null) {
            return Optional.empty();
        }
        return directory
                .findUserById(due.recipientId())
                .filter(user -> !user.active())
                .map(User::username);
    }

    Notification notificationOf(DueDeliveries.Due due) {
        Map<String, Object> data = json.readValue(due.payload(), DATA);
        return new Notification(
                due.id(),
                due.eventId(),
                NotificationKind.valueOf(due.type()),
                due.recipientId(),
                due.requestId(),
                due.grantId(),
                due.step(),
                due.occurredAt(),
                data,
                due.destinationChanges());
    }
}
