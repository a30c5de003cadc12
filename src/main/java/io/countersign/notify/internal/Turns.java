package io.countersign.notify.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The destinations of each channel that have had their turn in the current round (a webhook endpoint by
 * its id, a chat channel by its route, see {@link DueDeliveries.Due#turn}): a channel's reads leave them
 * out until every other destination with a delivery due has had one too, when a new round begins. Read
 * oldest first alone, a destination with a long queue that it answers quickly would be first again as
 * soon as each send ended, and a newer delivery to another destination would wait behind the whole
 * queue. Each destination's own deliveries still go out oldest first.
 */
final class Turns {

    private final Map<String, Set<String>> taken = new HashMap<>();

    /** The destinations that have had their turn in the channel's current round. */
    synchronized Set<String> taken(String channel) {
        Set<String> destinations = taken.get(channel);
        return destinations == null ? Set.of() : Set.copyOf(destinations);
    }

    /** The destination has had its turn: a send to it has started. */
    synchronized void take(String channel, String destination) {
        taken.computeIfAbsent(channel, c -> new HashSet<>()).add(destination);
    }

    /** Nothing else is due: every destination may have its turn again. */
    synchronized void newRound(String channel) {
        taken.remove(channel);
    }
}
