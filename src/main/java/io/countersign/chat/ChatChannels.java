package io.countersign.chat;

import io.countersign.chat.internal.ChatChannelRules;
import io.countersign.chat.internal.ChatChannelStore;
import io.countersign.chat.internal.ChatChannelTest;
import io.countersign.notify.DiscardedNotifications;
import io.countersign.notify.NotificationDeliveries;
import io.countersign.policy.Policies;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.outbound.OutboundAddresses;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The chat channels administrators configure. Secrets are write-only: a replacement that leaves one
 * out keeps the stored one. A channel a policy step names cannot be deleted.
 */
@Service
public class ChatChannels {

    private final ChatChannelStore store;
    private final ChatChannelTest tester;
    private final Policies policies;
    private final NotificationDeliveries deliveries;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final OutboundAddresses addresses;
    private final ActionTokens tokens;

    ChatChannels(
            ChatChannelStore store,
            ChatChannelTest tester,
            Policies policies,
            NotificationDeliveries deliveries,
            Clock clock,
            ApplicationEventPublisher events,
            OutboundAddresses addresses,
            ActionTokens tokens) {
        this.addresses = addresses;
        this.tokens = tokens;
        this.store = store;
        this.deliveries = deliveries;
        this.tester = tester;
        this.policies = policies;
        this.clock = clock;
        this.events = events;
    }

    public List<ChatChannelView> list(Actor actor) {
        requireAdmin(actor);
        return store.all().stream().map(ChatChannelView::of).toList();
    }

    public ChatChannelView get(Actor actor, String name) {
        requireAdmin(actor);
        return ChatChannelView.of(find(name));
    }

    @Transactional
    public ChatChannelView create(Actor actor, ChatChannelInput input) {
        requireAdmin(actor);
        ChatChannel channel = ChatChannelRules.validated(input, null, addresses);
        if (store.exists(channel.name())) {
            throw ConflictException.nameTaken("channel", "name", channel.name());
        }
        store.insert(channel, actor.username(), clock.instant());
        events.publishEvent(new ChatChannelSaved(actor, channel.name(), channel.type(), true));
        return ChatChannelView.of(channel);
    }

    @Transactional
    public ChatChannelView replace(Actor actor, String name, ChatChannelInput input) {
        requireAdmin(actor);
        String key = Names.canonical(name);
        if (!store.lock(key)) {
            throw new NotFoundException("channel", key);
        }
        ChatChannel old = find(key);
        ChatChannel channel = ChatChannelRules.validated(input, old, addresses);
        store.update(channel, actor.username(), clock.instant());
        if (old.type() != channel.type() || !Objects.equals(old.address(), channel.address())) {
            // a pause found the old address unreachable; the new one gets a chance at once
            deliveries.destinationChanged(old.type().name(), key);
        }
        events.publishEvent(new ChatChannelSaved(actor, channel.name(), channel.type(), false));
        return ChatChannelView.of(channel);
    }

    @Transactional
    public void delete(Actor actor, String name) {
        requireAdmin(actor);
        String key = Names.canonical(name);
        List<String> naming = policies.notifyingChannel(key);
        if (!naming.isEmpty()) {
            throw new ConflictException(
                    "Channel '" + key + "' is named by the steps of policies " + naming + "; remove it there first.");
        }
        ChatType type = find(key).type();
        if (!store.delete(key)) {
            throw new NotFoundException("channel", key);
        }
        // the messages waiting for it, and the buttons it sent, must never reach a later channel of the same name
        tokens.forgetChatChannel(key);
        DiscardedNotifications discarded =
                deliveries.discardRoutedTo(type.name(), key, "the chat channel " + key + " was deleted");
        events.publishEvent(new ChatChannelDeleted(actor, key, discarded.pending(), discarded.dead()));
    }

    /** Posts a test message; the answer carries the platform's own error when it failed. */
    public ChatTestResult test(Actor actor, String name) {
        requireAdmin(actor);
        return tester.test(find(name), actor.username());
    }

    private ChatChannel find(String name) {
        String key = Names.canonical(name);
        return store.find(key).orElseThrow(() -> new NotFoundException("channel", key));
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only an administrator may configure chat channels.");
        }
    }
}
