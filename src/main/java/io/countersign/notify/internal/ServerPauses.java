package io.countersign.notify.internal;

import io.countersign.notify.Delivery;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * This instance's {@link ServerPause} of each notification channel and of each destination that is a
 * server of its own: a webhook's endpoint, by webhook id, and a configured chat channel, by its name
 * (see {@link io.countersign.notify.NotificationSender#destination}). A dead destination must not hold
 * up the others of its channel (docs/adr/0037). Each instance keeps its own pauses: one that has not
 * yet met the unreachable server finds out with one attempt of its own. A destination's rest is also
 * kept in the database ({@link DestinationRests}), so every instance leaves it alone, and an answer
 * recorded by any instance ends its pause here too (docs/adr/0042, docs/adr/0047). A channel's own
 * pause (mail's server) stays this instance's alone.
 */
@Component
public class ServerPauses {

    /**
     * The most deliveries of one destination left out of its channel's reads while it rests: each one is
     * a parameter of the query, and a backlog past this is read, and passed over, again.
     */
    static final int MAX_HELD = 1000;

    private static final Logger log = LoggerFactory.getLogger(ServerPauses.class);

    private final NotificationProperties properties;
    private final Map<String, ServerPause> byChannel = new ConcurrentHashMap<>();
    // only destinations that were found unreachable: an answer removes the entry, so the map stays small
    private final Map<Destination, Rest> byDestination = new ConcurrentHashMap<>();

    ServerPauses(NotificationProperties properties) {
        this.properties = properties;
    }

    /** One server among a channel's: a webhook's endpoint, or a chat channel of a chat platform. */
    private record Destination(String channel, String name) {

        /** Names the server without its address: a webhook's URL is a credential. */
        @Override
        public String toString() {
            return Delivery.WEBHOOK.equals(channel)
                    ? "Webhook " + name + "'s endpoint"
                    : "The " + channel + " destination " + name;
        }
    }

    /** A destination's pause, and the deliveries due on it that its channel's reads leave out meanwhile. */
    private record Rest(ServerPause pause, Set<String> held) {}

    ServerPause of(String channel) {
        return byChannel.computeIfAbsent(channel, c -> new ServerPause(properties.unreachablePause()));
    }

    /** Whether a delivery to the channel's {@code destination} may be attempted at {@code now}. */
    boolean allows(String channel, String destination, Instant now) {
        Rest rest = byDestination.get(new Destination(channel, destination));
        return rest == null || rest.pause().allows(now);
    }

    /** Whether the destination's rest is over and one of its deliveries should find out if it answers again. */
    boolean probing(String channel, String destination, Instant now) {
        Rest rest = byDestination.get(new Destination(channel, destination));
        return rest != null && rest.pause().probing(now);
    }

    /** The channel's destinations resting at {@code now}, whose deliveries are not even read. */
    Set<String> resting(String channel, Instant now) {
        return byDestination.entrySet().stream()
                .filter(e -> e.getKey().channel().equals(channel)
                        && !e.getValue().pause().allows(now))
                .map(e -> e.getKey().name())
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Leaves a delivery found due on a resting destination out of its channel's next reads, until the
     * rest is over: a backlog of such deliveries, left due, would otherwise fill every batch and hold
     * up the channel's other destinations. Returns whether it is left out, which it is not past {@link
     * #MAX_HELD}.
     */
    boolean hold(String channel, String destination, String deliveryId) {
        Rest rest = byDestination.get(new Destination(channel, destination));
        return rest != null && rest.held().size() < MAX_HELD && rest.held().add(deliveryId);
    }

    /** The deliveries to leave out of the channel's reads at {@code now}: those held on destinations that rest. */
    Set<String> held(String channel, Instant now) {
        Set<String> held = new HashSet<>();
        byDestination.forEach((destination, rest) -> {
            if (!destination.channel().equals(channel)) {
                return;
            }
            if (rest.pause().allows(now)) {
                rest.held().clear();
            } else {
                held.addAll(rest.held());
            }
        });
        return held;
    }

    /**
     * After an attempt on the channel that ended at {@code ended}: pauses the channel when its server
     * could not be reached, and ends the pause once the server answered (delivered, or failed with an
     * answer of its own).
     */
    void afterAttempt(String channel, boolean unreachable, boolean answered, String error, Instant ended) {
        ServerPause pause = of(channel);
        if (unreachable) {
            if (pause.unreachable(ended)) {
                log.warn(
                        "The {} channel pauses for {} s, then one of its deliveries tries again: {}",
                        channel,
                        properties.unreachablePause().toSeconds(),
                        error);
            }
        } else if (answered && pause.end()) {
            log.info("The {} channel reaches its server again; its waiting deliveries are sent", channel);
        }
    }

    /**
     * As {@link #afterAttempt}, for one destination of the channel; {@code answered} when it answered,
     * whatever it said. Only its name is logged, never its address.
     */
    void afterAttempt(
            String channel, String destination, boolean unreachable, boolean answered, String error, Instant ended) {
        Destination server = new Destination(channel, destination);
        if (unreachable) {
            Rest rest = restOf(server);
            if (rest.pause().unreachable(ended)) {
                log.warn(
                        "{} pauses for {} s, then one of its deliveries tries again: {}",
                        server,
                        properties.unreachablePause().toSeconds(),
                        error);
            }
        } else if (answered) {
            Rest rest = byDestination.remove(server);
            if (rest != null && rest.pause().end()) {
                log.info("{} answers again; its waiting deliveries are sent", server);
            }
        }
    }

    /**
     * Rests the destination until {@code until}, as its row in the database says (another instance found
     * it unreachable, or claimed its probe); {@code until} may have passed: it is then to be probed.
     */
    void restsUntil(String channel, String destination, Instant until) {
        restOf(new Destination(channel, destination)).pause().restsUntil(until);
    }

    private Rest restOf(Destination server) {
        return byDestination.computeIfAbsent(
                server, d -> new Rest(new ServerPause(properties.unreachablePause()), ConcurrentHashMap.newKeySet()));
    }

    /**
     * Forgets the pause of a destination that was deleted, or that now names another address: its
     * deliveries are tried again at once.
     */
    public void forget(String channel, String destination) {
        if (byDestination.remove(new Destination(channel, destination)) != null) {
            log.info("{} was changed or removed; its pause is over", new Destination(channel, destination));
        }
    }

    /** Ends the channel's pause, as when its server's settings are saved; returns true when one ended. */
    public boolean end(String channel) {
        return of(channel).end();
    }
}
