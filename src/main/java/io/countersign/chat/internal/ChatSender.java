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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification sender of one platform. A notification routed to a channel goes there; one a
 * person subscribed to goes through the platform's default channel (as a direct message where the
 * platform allows). A delivery whose message was posted already posts nothing again.
 *
 * <p>Rewriting the messages that went before is a delivery of its own ({@link
 * NotificationRoutes#UPDATES_ONLY}, and a decided request's delivery to a channel that can edit):
 * an earlier message that cannot be rewritten, say because somebody deleted it, must never keep the
 * next step from being announced. Such a delivery is retried while the platform fails for a while,
 * and dies with the platform's words once it refuses for good.
 */
class ChatSender implements NotificationSender {

    private static final Logger LOG = LoggerFactory.getLogger(ChatSender.class);

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

    /** The people subscribed to the platform are told through its default channel, or its only one. */
    @Override
    public boolean configuredForSubscribers() {
        return personal(channels.outlines(), ChatChannelStore.Outline::type, ChatChannelStore.Outline::isDefault)
                .isPresent();
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
            return SendResult.refused(refusal(target));
        }
        if (notification.requestId() == null) {
            return SendResult.refused("chat channels tell about requests only");
        }
        AccessRequest request = requests.get(Actor.system(), notification.requestId());
        ChatPlatform.Recipient person = person(notification, channel.get());
        boolean decided = notification.kind() == NotificationKind.REQUEST_DECIDED;
        boolean updatesOnly = Boolean.TRUE.equals(notification.data().get(NotificationRoutes.UPDATES_ONLY));
        // a decided request's own messages now say how it ended; a new one would only repeat it
        if (updatesOnly
                || (decided
                        && target != null
                        && person == null
                        && !platform.type().equals(ChatType.TEAMS))) {
            return closeEarlier(channel.get(), request);
        }
        ChatPlatform.Posted posted = platform.post(channel.get(), person, composer.compose(notification, request));
        if (!posted.ok()) {
            return posted.failure();
        }
        boolean asks = !decided && request.status() == RequestStatus.PENDING;
        boolean kept = messages.record(
                notification.deliveryId(),
                channel.get(),
                notification.destinationChanges(),
                asks ? request.id() : null,
                asks ? request.currentStep() : null,
                posted.conversation(),
                posted.messageId(),
                clock.instant());
        if (!kept) {
            LOG.info(
                    "The {} channel {} was changed or deleted while delivery {} was being sent: its message is not"
                            + " kept, and is never rewritten",
                    platform.type(),
                    channel.get().name(),
                    notification.deliveryId());
        }
        return SendResult.ok().withStatus(posted.status());
    }

    /**
     * Edits the open messages about the request's earlier steps (all of them once it is decided) to show
     * where it stands now. A message about the current step stays open: another delivery of this step
     * may have just posted it. Every message is tried, whatever became of the others: one the platform
     * failed to edit for a while is opened again and the delivery retried; one it refused for good stays
     * closed, since trying again cannot help, and the delivery dies with the platform's words. A delivery
     * that found nothing to edit is skipped, never delivered: the request's notifications must not claim
     * a message nobody was sent (the channel's first post died, say, or was posted without saying where).
     */
    private SendResult closeEarlier(ChatChannel channel, AccessRequest request) {
        ChatMessage now = composer.closed(request);
        Integer beforeStep = request.status() == RequestStatus.PENDING ? request.currentStep() : null;
        SendResult retry = null;
        SendResult refused = null;
        Integer answered = null;
        boolean edits = false;
        boolean unplaced = false;
        for (ChatMessages.Stored earlier : messages.open(channel.name(), request.id(), beforeStep)) {
            if (!messages.claimClosing(earlier.deliveryId(), clock.instant())) {
                continue;
            }
            ChatPlatform.Posted edited = platform.edit(channel, earlier.conversation(), earlier.messageId(), now);
            SendResult failure = edited.failure();
            if (edited.unsupported()) {
                unplaced = true;
                continue;
            }
            edits = true;
            if (failure == null) {
                answered = edited.status() != null ? edited.status() : answered;
                continue;
            }
            if (failure.permanent()) {
                // retries are recorded with their delivery; this is the one failure nothing will repeat
                LOG.warn(
                        "The {} channel {} cannot rewrite its message about request {}: {}",
                        platform.type(),
                        channel.name(),
                        request.id(),
                        failure.error());
                refused = refused == null ? failure : refused;
            } else {
                messages.reopen(earlier.deliveryId());
                retry = retry == null ? failure : retry;
            }
        }
        if (retry != null) {
            return retry;
        }
        if (!edits) {
            return SendResult.skipped(nothingToEdit(channel, request, unplaced));
        }
        return refused != null ? refused : SendResult.ok().withStatus(answered);
    }

    /** Why a rewrite sent nothing: the channel holds no message about the request that it could edit. */
    private String nothingToEdit(ChatChannel channel, AccessRequest request, boolean unplaced) {
        String why;
        if (unplaced) {
            why = "the platform did not say where it posted it";
        } else if (messages.channelsAbout(request.id()).contains(channel.name())) {
            why = "its messages were rewritten already";
        } else {
            why = "none was posted there";
        }
        return "Not sent: " + channel.name() + " holds no message about " + request.id() + " to update, as " + why
                + ".";
    }

    private String refusal(Object target) {
        if (target != null) {
            return "no " + platform.type() + " channel named " + target;
        }
        return channels.anyOf(platform.type())
                ? "no default " + platform.type() + " channel: several are configured and none is the default"
                : "no " + platform.type() + " channel is configured";
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
