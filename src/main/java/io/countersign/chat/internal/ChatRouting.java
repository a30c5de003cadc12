package io.countersign.chat.internal;

import io.countersign.chat.ChatType;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationRoutes;
import io.countersign.policy.NotifyChannels;
import io.countersign.request.AccessRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which chat channels hear of a request: for an opened or escalated step, the channels the step
 * names and the default ones (a Slack channel set to direct messages writes to each approver; a
 * Telegram one also writes to each approver who linked their account); for a decided request, the
 * channels that hold messages about it, so that those change, and the default ones. Once a step
 * opens, every channel that can edit and still shows an earlier step as open also gets a delivery
 * that only rewrites those messages, whether or not the new step names it.
 */
@Component
class ChatRouting implements NotificationRoutes, NotifyChannels {

    private final ChatChannelStore channels;
    private final ChatMessages messages;
    private final ChatLinkStore links;

    ChatRouting(ChatChannelStore channels, ChatMessages messages, ChatLinkStore links) {
        this.channels = channels;
        this.messages = messages;
        this.links = links;
    }

    @Override
    public boolean exists(String name) {
        return channels.exists(name);
    }

    @Override
    public List<Route> routes(NotificationKind kind, AccessRequest request, int step, List<Person> recipients) {
        Map<String, ChatChannelStore.Outline> all = channels.outlines().stream()
                .collect(Collectors.toMap(ChatChannelStore.Outline::name, Function.identity()));
        if (all.isEmpty()) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        switch (kind) {
            case STEP_OPENED, STEP_ESCALATED ->
                names.addAll(request.steps().get(step).notifyChannels());
            case REQUEST_DECIDED -> names.addAll(messages.channelsAbout(request.id()));
            default -> {
                return List.of();
            }
        }
        all.values().stream()
                .filter(ChatChannelStore.Outline::isDefault)
                .map(ChatChannelStore.Outline::name)
                .forEach(names::add);
        boolean asksApprovers = kind != NotificationKind.REQUEST_DECIDED;
        List<Route> routes = new ArrayList<>();
        for (String name : names) {
            ChatChannelStore.Outline channel = all.get(name);
            if (channel == null) {
                continue;
            }
            if (asksApprovers && channel.type() == ChatType.SLACK && channel.directMessages()) {
                recipients.forEach(p -> routes.add(new Route(channel.type().name(), name, p)));
            } else {
                routes.add(new Route(channel.type().name(), name, null));
            }
            if (asksApprovers && channel.type() == ChatType.TELEGRAM) {
                // besides the group's message (a link), each linked approver gets buttons in a direct chat
                recipients.stream()
                        .filter(p ->
                                links.externalIdOf(ChatType.TELEGRAM, p.id()).isPresent())
                        .forEach(p -> routes.add(new Route(channel.type().name(), name, p)));
            }
        }
        if (kind == NotificationKind.STEP_OPENED) {
            routes.addAll(rewrites(request, step, all));
        }
        return routes;
    }

    /** A Teams webhook cannot edit: its channel hears of the outcome once the request is decided. */
    private List<Route> rewrites(AccessRequest request, int step, Map<String, ChatChannelStore.Outline> all) {
        List<Route> rewrites = new ArrayList<>();
        for (String name : messages.channelsOpenBefore(request.id(), step)) {
            ChatChannelStore.Outline channel = all.get(name);
            if (channel != null && channel.type() != ChatType.TEAMS) {
                rewrites.add(new Route(channel.type().name(), name, null, true));
            }
        }
        return rewrites;
    }
}
