package io.countersign.notify;

import io.countersign.directory.Directory;
import io.countersign.notify.internal.NotificationSenders;
import io.countersign.notify.internal.SubscriptionStore;
import io.countersign.shared.Actor;
import io.countersign.shared.DistinctNames;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.UserOwned;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which notifications people receive on which channels, as maps from a kind's key ({@code
 * step_opened}, ...) to channel names. The administrator sets a default per kind; a user's own
 * choice for a kind overrides it, and a kind the user never chose follows the default as it changes.
 * A body names only the kinds it changes; a user may send {@code null} for a kind to follow the
 * default again. Subscriptions decide only who is told: what waits on an approver is the same either way.
 */
@Service
public class Subscriptions {

    private final SubscriptionStore store;
    private final NotificationSenders senders;
    private final Directory directory;
    private final ApplicationEventPublisher events;

    Subscriptions(
            SubscriptionStore store,
            NotificationSenders senders,
            Directory directory,
            ApplicationEventPublisher events) {
        this.store = store;
        this.senders = senders;
        this.directory = directory;
        this.events = events;
    }

    /** The user's subscriptions in effect, every kind included. The user themself or an administrator. */
    @Transactional(readOnly = true)
    public Map<String, List<String>> of(Actor actor, String username) {
        return effective(userId(actor, username));
    }

    @Transactional
    public Map<String, List<String>> replace(Actor actor, String username, Map<String, List<String>> body) {
        String userId = userId(actor, username);
        Map<NotificationKind, List<String>> changes = check(body, true);
        changes.forEach((kind, channels) -> store.replaceChoice(userId, kind, channels));
        events.publishEvent(new SubscriptionsChanged(actor, Names.canonical(username), describe(changes)));
        return effective(userId);
    }

    @Transactional(readOnly = true)
    public Map<String, List<String>> defaults(Actor actor) {
        if (!actor.canReadEverything()) {
            throw new ForbiddenException("Only administrators and auditors read the default subscriptions.");
        }
        return keyed(store.defaults());
    }

    @Transactional
    public Map<String, List<String>> replaceDefaults(Actor actor, Map<String, List<String>> body) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators set the default subscriptions.");
        }
        Map<NotificationKind, List<String>> changes = check(body, false);
        changes.forEach(store::replaceDefault);
        events.publishEvent(new SubscriptionsChanged(actor, null, describe(changes)));
        return keyed(store.defaults());
    }

    private String userId(Actor actor, String username) {
        String name = Names.canonical(username);
        return UserOwned.managedBy(actor, name, directory.idOf(name), "subscriptions");
    }

    private Map<String, List<String>> effective(String userId) {
        Map<NotificationKind, List<String>> merged = new EnumMap<>(store.defaults());
        merged.putAll(store.choicesOf(userId));
        return keyed(merged);
    }

    /** Every kind, in the enum's order; a kind without a row has no channels. */
    private static Map<String, List<String>> keyed(Map<NotificationKind, List<String>> byKind) {
        Map<String, List<String>> keyed = new LinkedHashMap<>();
        for (NotificationKind kind : NotificationKind.values()) {
            keyed.put(kind.key(), byKind.getOrDefault(kind, List.of()));
        }
        return keyed;
    }

    private Map<NotificationKind, List<String>> check(Map<String, List<String>> body, boolean nullFollowsDefault) {
        Problems problems = new Problems();
        if (body == null || body.isEmpty()) {
            problems.add("body", "required", "must map at least one kind of notification to its channels");
            problems.throwIfAny();
        }
        Map<NotificationKind, List<String>> checked = new EnumMap<>(NotificationKind.class);
        body.forEach((key, channels) -> {
            NotificationKind kind = NotificationKind.fromKey(key).orElse(null);
            if (kind == null) {
                problems.add(
                        key,
                        "unknown_kind",
                        "is not a kind of notification; use " + String.join(", ", NotificationKind.keys()));
            } else if (channels == null) {
                if (nullFollowsDefault) {
                    checked.put(kind, null);
                } else {
                    problems.add(key, "required", "must list channels, or be [] for none");
                }
            } else {
                checked.put(kind, checkChannels(problems, key, channels));
            }
        });
        problems.throwIfAny();
        return checked;
    }

    private List<String> checkChannels(Problems problems, String key, List<String> channels) {
        Set<String> names = new LinkedHashSet<>();
        DistinctNames distinct = new DistinctNames(key);
        for (int i = 0; i < channels.size(); i++) {
            String field = key + "[" + i + "]";
            String channel = channels.get(i);
            if (channel == null || channel.isBlank()) {
                problems.add(field, "required", "must not be blank");
                continue;
            }
            String name = channel.trim().toUpperCase(Locale.ROOT);
            if (senders.known(name)) {
                if (distinct.first(problems, name, i)) {
                    names.add(name);
                }
            } else {
                problems.add(
                        field,
                        "unknown_channel",
                        "is not a channel; use one of "
                                + String.join(
                                        ", ",
                                        NotificationSenders.USER_CHANNELS.stream()
                                                .sorted()
                                                .toList()));
            }
        }
        return new ArrayList<>(names);
    }

    private static Map<String, String> describe(Map<NotificationKind, List<String>> changes) {
        Map<String, String> described = new LinkedHashMap<>();
        changes.forEach((kind, channels) ->
                described.put(kind.key(), channels == null ? "default" : "[" + String.join(", ", channels) + "]"));
        return described;
    }
}
