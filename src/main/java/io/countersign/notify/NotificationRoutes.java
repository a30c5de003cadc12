package io.countersign.notify;

import io.countersign.request.AccessRequest;
import java.util.List;

/**
 * Deliveries a notification gets besides its recipients' own subscriptions: a chat channel that
 * tells a step's approvers, say, or the default channel for everything. Implemented by the modules
 * that keep such channels; asked in the transaction of the change, with the request as it left it.
 */
public interface NotificationRoutes {

    /**
     * The routes of a notification of {@code kind} about {@code request} at {@code step}, meant for
     * {@code recipients} (the people the notification tells, possibly none, as for a request cancelled
     * by its requester).
     */
    List<Route> routes(NotificationKind kind, AccessRequest request, int step, List<Person> recipients);

    /** A person a notification tells: their user id and username. */
    record Person(String id, String username) {}

    /**
     * One delivery on {@code channel} (the sender's, such as {@code SLACK}) through the configured
     * {@code target} (a channel name the sender reads back from {@link Notification#data()} under
     * {@link #TARGET}); {@code person} is null for a message posted where everybody sees it. A route
     * that {@code updatesOnly} posts nothing new: it brings what the target already shows about the
     * request up to date (its data holds {@link #UPDATES_ONLY}).
     */
    record Route(String channel, String target, Person person, boolean updatesOnly) {

        public Route(String channel, String target, Person person) {
            this(channel, target, person, false);
        }
    }

    /** The data key a routed notification carries its target under. */
    String TARGET = "route";

    /** The data key, set to {@code true}, of a routed notification that only updates what was posted. */
    String UPDATES_ONLY = "updatesOnly";
}
