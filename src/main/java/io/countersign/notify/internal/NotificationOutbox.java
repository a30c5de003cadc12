package io.countersign.notify.internal;

import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.notify.NotificationKind;
import io.countersign.notify.NotificationRoutes;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns one notification into one delivery per recipient and channel, in the caller's transaction:
 * each active recipient gets it on every channel they subscribe to for its kind that has a sender.
 * Every delivery of the notification carries the same event id.
 */
@Component
public class NotificationOutbox {

    /** A person to tell: their user id, and their username for display. */
    public record Recipient(String id, String username) {}

    /** What a notification is about; any part may be null. */
    public record About(String requestId, String grantId, Integer step) {}

    private final SubscriptionStore subscriptions;
    private final NotificationSenders senders;
    private final NotificationQueue queue;
    private final Directory directory;
    private final JsonMapper json;
    private final Clock clock;

    public NotificationOutbox(
            SubscriptionStore subscriptions,
            NotificationSenders senders,
            NotificationQueue queue,
            Directory directory,
            JsonMapper json,
            Clock clock) {
        this.subscriptions = subscriptions;
        this.senders = senders;
        this.queue = queue;
        this.directory = directory;
        this.json = json;
        this.clock = clock;
    }

    /** Returns how many deliveries were queued. */
    @Transactional
    public int notify(NotificationKind kind, Collection<Recipient> recipients, About about, Map<String, ?> data) {
        return notify(kind, recipients, about, data, List.of());
    }

    /**
     * Also queues one delivery per route whose channel has a sender. A person a route already tells on
     * a channel is not told again there through their own subscription.
     */
    @Transactional
    public int notify(
            NotificationKind kind,
            Collection<Recipient> recipients,
            About about,
            Map<String, ?> data,
            List<NotificationRoutes.Route> routes) {
        if (!senders.any() || (recipients.isEmpty() && routes.isEmpty())) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        String payload = json.writeValueAsString(new LinkedHashMap<>(data));
        List<NotificationQueue.Addressed> queued = new ArrayList<>();
        // every recipient in one query: the directory keeps what this transaction read, so each
        // isActive below is answered from it instead of a query per person
        directory.findUsers(usernames(recipients, routes));
        for (Recipient recipient : recipients) {
            if (!isActive(recipient)) {
                continue;
            }
            for (String channel : subscriptions.channelsFor(recipient.id(), kind)) {
                if (senders.readyForSubscribers(channel) && !routedTo(routes, channel, recipient.id())) {
                    queued.add(addressed(
                            eventId, kind, channel, recipient.id(), recipient.username(), null, about, now, payload));
                }
            }
        }
        for (NotificationRoutes.Route route : routes) {
            NotificationRoutes.Person person = route.person();
            if (!senders.ready(route.channel())
                    || (person != null && !isActive(new Recipient(person.id(), person.username())))) {
                continue;
            }
            Map<String, Object> routed = new LinkedHashMap<>(data);
            routed.put(NotificationRoutes.TARGET, route.target());
            if (route.updatesOnly()) {
                routed.put(NotificationRoutes.UPDATES_ONLY, true);
            }
            queued.add(addressed(
                    eventId,
                    kind,
                    route.channel(),
                    person == null ? null : person.id(),
                    person == null ? route.target() : person.username(),
                    route.target(),
                    about,
                    now,
                    json.writeValueAsString(routed)));
        }
        queue.enqueueAll(queued, now, senders::waitingFor);
        return queued.size();
    }

    /**
     * Queues the notification on {@code channel} alone, to each active recipient, whatever they
     * subscribe to: for a message that must follow one they were sent there. Returns how many were
     * queued.
     */
    @Transactional
    public int notifyOn(
            String channel, NotificationKind kind, Collection<Recipient> recipients, About about, Map<String, ?> data) {
        if (!senders.ready(channel) || recipients.isEmpty()) {
            return 0;
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String eventId = UUID.randomUUID().toString();
        String payload = json.writeValueAsString(new LinkedHashMap<>(data));
        directory.findUsers(usernames(recipients, List.of()));
        List<NotificationQueue.Addressed> queued = recipients.stream()
                .filter(this::isActive)
                .map(recipient -> addressed(
                        eventId, kind, channel, recipient.id(), recipient.username(), null, about, now, payload))
                .toList();
        queue.enqueueAll(queued, now, senders::waitingFor);
        return queued.size();
    }

    private static boolean routedTo(List<NotificationRoutes.Route> routes, String channel, String userId) {
        return routes.stream()
                .anyMatch(r -> r.channel().equals(channel)
                        && r.person() != null
                        && r.person().id().equals(userId));
    }

    private static NotificationQueue.Addressed addressed(
            String eventId,
            NotificationKind kind,
            String channel,
            String recipientId,
            String recipient,
            String route,
            About about,
            Instant now,
            String payload) {
        return new NotificationQueue.Addressed(
                eventId,
                kind.name(),
                channel,
                recipientId,
                recipient,
                route,
                about.requestId(),
                about.grantId(),
                about.step(),
                now,
                payload);
    }

    private static List<String> usernames(Collection<Recipient> recipients, List<NotificationRoutes.Route> routes) {
        List<String> names = new ArrayList<>();
        recipients.stream().filter(r -> r.id() != null).forEach(r -> names.add(r.username()));
        routes.stream()
                .filter(r -> r.person() != null)
                .forEach(r -> names.add(r.person().username()));
        return names;
    }

    /** The user still exists under this name with this id, and is active: nobody else inherits their mail. */
    private boolean isActive(Recipient recipient) {
        return recipient.id() != null
                && directory.findUser(recipient.username()).filter(User::active).isPresent()
                && directory
                        .idOf(recipient.username())
                        .filter(recipient.id()::equals)
                        .isPresent();
    }

    /**
     * A notification's data from key, value pairs: absent values are left out, and anything but a
     * number or a boolean is written as text (instants and durations in ISO-8601), as senders read it.
     */
    static Map<String, Object> data(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                data.put(
                        (String) keysAndValues[i],
                        value instanceof Number || value instanceof Boolean ? value : value.toString());
            }
        }
        return data;
    }
}
