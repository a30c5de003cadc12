package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.notify.Notification;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationRoutes;
import io.countersign.notify.NotificationSender;
import io.countersign.notify.SendResult;
import io.countersign.request.AccessRequest;
import io.countersign.request.RequestStatus;
import io.countersign.request.Requests;
import io.countersign.shared.Actor;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The notification sender of one platform. A notification routed to a channel goes there; one a
 * person subscribed to goes through the platform's default channel (as a direct message where the
 * platform allows). Before a message about a request is posted, the open messages about it in the
 * same channel are changed to say how it moved on, and a decided request changes them all; a
 * delivery whose message was posted already posts nothing again.
 */
class ChatSender implements NotificationSender {

    private final ChatPlatform platform;
    private final ChatChannelStore channels;
    private final ChatMessages messages;
    private final ChatComposer composer;
    private final Requests requests;
    private final Directory directory;
    private final Clock clock;

    ChatSender(
            ChatPlatform platform,
            ChatChannelStore channels,
            ChatMessages messages,
            ChatComposer composer,
            Requests requests,
            Directory directory,
            Clock clock) {
        this.platform = platform;
        this.channels = channels;
        this.messages = messages;
        this.composer = composer;
        this.requests = requests;
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public String channel() {
        return platform.type().name();
    }

    /** A platform without a configured channel queues nothing for the people subscribed to it. */
    @Override
    public boolean configured() {
        return channels.anyOf(platform.type());
    }

    /**
     * The configured chat channel the notification goes to: each names its own address, so one that
     * cannot be reached pauses its own messages only, not the platform's.
     */
    @Override
    public Optional<String> destination(Notification notification) {
        Object target = notification.data().get(NotificationRoutes.TARGET);
        if (target != null) {
            return Optional.of(target.toString());
        }
        return personal(channels.outlines(), ChatChannelStore.Outline::type, ChatChannelStore.Outline::isDefault)
                .map(ChatChannelStore.Outline::name);
    }

    @Override
    public SendResult send(Notification notification) {
        if (messages.posted(notification.deliveryId())) {
            return SendResult.ok();
        }
        Object target = notification.data().get(NotificationRoutes.TARGET);
        Optional<ChatChannel> channel = target == null ? personalChannel() : channels.find(target.toString());
        if (channel.isEmpty() || channel.get().type() != platform.type()) {
            return SendResult.refused(
                    "no " + platform.type() + " channel " + (target == null ? "is configured" : "named " + target));
        }
        if (notification.requestId() == null) {
            return SendResult.refused("chat channels tell about requests only");
        }
        AccessRequest request = requests.get(Actor.system(), notification.requestId());
        ChatPlatform.Recipient person = person(notification, channel.get());
        SendResult closed = closeEarlier(channel.get(), request);
        if (closed != null) {
            return closed;
        }
        boolean decided = notification.kind() == NotificationKind.REQUEST_DECIDED;
        if (decided && target != null && person == null && !platform.type().equals(ChatType.TEAMS)) {
            // the request's own messages now say how it ended; a new one would only repeat it
            return SendResult.ok();
        }
        ChatPlatform.Posted posted = platform.post(channel.get(), person, composer.compose(notification, request));
        if (!posted.ok()) {
            return posted.failure();
        }
        boolean asks = !decided && request.status() == RequestStatus.PENDING;
        messages.record(
                notification.deliveryId(),
                channel.get().name(),
                asks ? request.id() : null,
                asks ? request.currentStep() : null,
                posted.conversation(),
                posted.messageId(),
                clock.instant());
        return SendResult.ok();
    }

    /**
     * Edits the open messages about the request's earlier steps (all of them once it is decided) to show
     * where it stands now; null when all went well. A message about the current step stays open: another
     * delivery of this step may have just posted it.
     */
    private SendResult closeEarlier(ChatChannel channel, AccessRequest request) {
        ChatMessage now = composer.closed(request);
        Integer beforeStep = request.status() == RequestStatus.PENDING ? request.currentStep() : null;
        for (ChatMessages.Stored earlier : messages.open(channel.name(), request.id(), beforeStep)) {
            if (!messages.claimClosing(earlier.deliveryId(), clock.instant())) {
                continue;
            }
            ChatPlatform.Posted edited = platform.edit(channel, earlier.conversation(), earlier.messageId(), now);
            if (edited.failure() != null) {
                messages.reopen(earlier.deliveryId());
                return edited.failure();
            }
        }
        return null;
    }

    /** The default channel of this platform, else its only one, for what people subscribed to themselves. */
    private Optional<ChatChannel> personalChannel() {
        return personal(channels.all(), ChatChannel::type, ChatChannel::isDefault);
    }

    private <C> Optional<C> personal(List<C> all, Function<C, ChatType> type, Predicate<C> isDefault) {
        List<C> ofType =
                all.stream().filter(c -> type.apply(c) == platform.type()).toList();
        return ofType.stream()
                .filter(isDefault)
                .findFirst()
                .or(() -> ofType.size() == 1 ? Optional.of(ofType.get(0)) : Optional.empty());
    }

    private ChatPlatform.Recipient person(Notification notification, ChatChannel channel) {
        if (notification.recipientId() == null) {
            return null;
        }
        return directory
                .findUserById(notification.recipientId())
                .filter(User::active)
                .map(user -> new ChatPlatform.Recipient(notification.recipientId(), user.username(), user.email()))
                .orElse(null);
    }
}
