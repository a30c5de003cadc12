package io.countersign.notify;

import io.countersign.directory.Directory;
import io.countersign.notify.internal.DeliveryFilter;
import io.countersign.notify.internal.DeliveryLists;
import io.countersign.notify.internal.DeliveryStore;
import io.countersign.notify.internal.DestinationRests;
import io.countersign.notify.internal.NotificationOutbox;
import io.countersign.notify.internal.NotificationQueue;
import io.countersign.notify.internal.NotificationSenders;
import io.countersign.notify.internal.RoutedDeliveries;
import io.countersign.notify.internal.ServerPauses;
import io.countersign.shared.Actor;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.UnknownEnumValues;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The notifications sent to people: the administrator's list with dead letters and redelivery, and
 * who was told what about a request.
 */
@Service
public class NotificationDeliveries {

    /** The largest page of deliveries. */
    public static final int MAX_LIMIT = DeliveryLists.MAX_LIMIT;

    private static final Predicate<Delivery> NOTIFICATION = d -> !d.isWebhook();

    private final DeliveryLists lists;
    private final DeliveryStore deliveries;
    private final NotificationQueue queue;
    private final ServerPauses pauses;
    private final DestinationRests rests;
    private final RoutedDeliveries routed;
    private final Directory directory;
    private final NotificationSenders senders;
    private final NotificationOutbox outbox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    NotificationDeliveries(
            DeliveryLists lists,
            DeliveryStore deliveries,
            NotificationQueue queue,
            ServerPauses pauses,
            DestinationRests rests,
            RoutedDeliveries routed,
            Directory directory,
            // lazy: the mail sender, one of the senders, reads mail settings, which resume deliveries here
            @Lazy NotificationSenders senders,
            @Lazy NotificationOutbox outbox,
            ApplicationEventPublisher events,
            Clock clock) {
        this.clock = clock;
        this.senders = senders;
        this.outbox = outbox;
        this.lists = lists;
        this.deliveries = deliveries;
        this.queue = queue;
        this.pauses = pauses;
        this.rests = rests;
        this.routed = routed;
        this.directory = directory;
        this.events = events;
    }

    /**
     * Newest first, each with its attempts. Every filter may be null.
     *
     * @param state a {@link DeliveryState} by name; read here, with the other filters, so that one
     *     answer names every filter that is wrong
     * @param recipient a username, or a chat channel's name for the messages posted there for nobody in
     *     particular, which are listed with the channel as their recipient; a user or channel that does
     *     not exist has no deliveries
     * @param channel a channel name such as {@code EMAIL}
     */
    @Transactional(readOnly = true)
    public DeliveryPage list(
            Actor actor, String state, String recipient, String channel, String cursor, Integer limit) {
        requireAdmin(actor);
        Problems problems = new Problems();
        DeliveryState stateValue = state(problems, state);
        DeliveryLists.Page page = lists.checkPage(problems, "notifications", cursor, limit);
        String channelName =
                channel == null || channel.isBlank() ? null : channel.trim().toUpperCase(Locale.ROOT);
        // a misspelt channel would otherwise answer an empty list, as if nothing had been sent
        problems.check(
                channelName == null || senders.known(channelName),
                "channel",
                "unknown_channel",
                "is not a channel; use one of "
                        + String.join(
                                ", ",
                                NotificationSenders.USER_CHANNELS.stream()
                                        .sorted()
                                        .toList()));
        problems.throwIfAny();
        String recipientId = null;
        String recipientName = null;
        if (recipient != null && !recipient.isBlank()) {
            recipientName = Names.canonical(recipient);
            recipientId = directory.idOf(recipientName).orElse("(none)");
        }
        return lists.page(DeliveryFilter.notifications(stateValue, recipientId, recipientName, channelName), page);
    }

    private static DeliveryState state(Problems problems, String state) {
        if (state == null || state.isBlank()) {
            return null;
        }
        try {
            // in any case, as the other choices of the API
            return DeliveryState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            problems.add("state", "invalid_value", UnknownEnumValues.mustBeOneOf(DeliveryState.class));
            return null;
        }
    }

    @Transactional(readOnly = true)
    public Delivery get(Actor actor, String deliveryId) {
        requireAdmin(actor);
        return lists.get(deliveryId, NOTIFICATION);
    }

    /** Queues a dead notification again, due now, with a fresh round of retries and its original event id. */
    @Transactional
    public Delivery redeliver(Actor actor, String deliveryId) {
        requireAdmin(actor);
        Delivery revived = lists.revive(deliveryId, NOTIFICATION);
        events.publishEvent(
                new NotificationRedelivered(actor, deliveryId, revived.type(), revived.channel(), revived.recipient()));
        return revived;
    }

    /**
     * Makes the channel's pending notifications due now, once what it waited for (such as its server)
     * has been saved, and ends this instance's pause of a channel whose old server was unreachable;
     * returns how many.
     */
    @Transactional
    public int resume(String channel) {
        pauses.end(channel);
        return queue.resume(channel, clock.instant());
    }

    /**
     * Tells {@code people} about the request's step again, on {@code channel} alone, whatever they
     * subscribe to: for a message that must follow one they were sent there. Inactive people are
     * left out; returns how many were queued. {@code grantId} is the grant an extension lengthens.
     */
    @Transactional
    public int tellAgain(
            String channel,
            NotificationKind kind,
            String requestId,
            String grantId,
            int step,
            Collection<NotificationRoutes.Person> people,
            Map<String, ?> data) {
        return outbox.notifyOn(
                channel,
                kind,
                people.stream()
                        .map(person -> new NotificationOutbox.Recipient(person.id(), person.username()))
                        .toList(),
                new NotificationOutbox.About(requestId, grantId, step),
                data);
    }

    /**
     * Forgets the pause of one destination of the channel (see {@link NotificationSender#destination}),
     * here and on every instance, once it was deleted or names another address: what waited for it is
     * tried again on the channel's next run rather than after the pause.
     */
    public void destinationChanged(String channel, String destination) {
        rests.forget(channel, destination);
        pauses.forget(channel, destination);
    }

    /**
     * How many times the channel's {@code destination} (a chat channel by name) has been changed to
     * another address or deleted ({@link #destinationChanged}, {@link #discardRoutedTo}): a sender that
     * keeps what it sent, so as to change it later, keeps it only while this is what its notification
     * was read with ({@link Notification#destinationChanges}). What it sent went to the destination as
     * it was, which a later one of the same name, perhaps another team's, must never rewrite. Read in
     * the caller's transaction; the caller holds the destination's own row so that no change commits
     * in between.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public long destinationChanges(String channel, String destination) {
        return rests.changes(channel, destination);
    }

    /**
     * Discards the channel's notifications routed to {@code destination} (a chat channel by name) that
     * were not delivered, pending, in flight or dead, once it was deleted: each is settled as {@code
     * SKIPPED} with {@code reason} as its error, so that none ever reaches a later destination of the
     * same name, redelivered or not. Forgets the destination's pause too, here and on every instance.
     */
    @Transactional
    public DiscardedNotifications discardRoutedTo(String channel, String destination, String reason) {
        DiscardedNotifications discarded = routed.discard(channel, destination, reason, clock.instant());
        rests.forget(channel, destination);
        pauses.forget(channel, destination);
        return discarded;
    }

    /** Who was told what about the request, oldest first; the caller has checked it may see the request. */
    @Transactional(readOnly = true)
    public List<RequestNotification> about(String requestId) {
        return deliveries.notificationsAbout(requestId).stream()
                .map(d -> new RequestNotification(
                        d.recipient(),
                        d.channel(),
                        NotificationKind.valueOf(d.type()),
                        d.step(),
                        d.state(),
                        d.createdAt(),
                        d.deliveredAt()))
                .toList();
    }

    private static void requireAdmin(Actor actor) {
        if (!actor.isAdmin()) {
            throw new ForbiddenException("Only administrators read and redeliver notifications.");
        }
    }
}
