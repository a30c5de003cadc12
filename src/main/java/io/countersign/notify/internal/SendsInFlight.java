package io.countersign.notify.internal;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The deliveries this instance is sending now, by channel, and the destinations they go to (a webhook's
 * endpoint, a chat channel). A destination takes one send at a time: while one is in flight, the
 * channel's runs leave the destination's other deliveries out of their reads, so a server that answers
 * slowly holds one sender thread, never the others' deliveries (docs/adr/0041). What another instance
 * sends is guarded by the delivery's lease in the database, not by this.
 */
final class SendsInFlight {

    /**
     * The most deliveries left out of a channel's reads because their destination is busy: each one is a
     * parameter of the query, and past this they are read, and passed over, again.
     */
    static final int MAX_BEHIND = 1000;

    private final Map<String, Channel> channels = new HashMap<>();

    /** One channel's sends in flight, their destinations, and the deliveries waiting behind those. */
    private static final class Channel {
        private final Set<String> deliveries = new HashSet<>();
        private final Map<String, Set<String>> busy = new HashMap<>();
    }

    /**
     * Registers a send of the delivery to {@code destination} (null when the channel has one server);
     * false, registering nothing, when the delivery or its destination is in flight already.
     */
    synchronized boolean start(String channel, String deliveryId, String destination) {
        Channel sends = channels.computeIfAbsent(channel, c -> new Channel());
        if (sends.deliveries.contains(deliveryId) || (destination != null && sends.busy.containsKey(destination))) {
            return false;
        }
        sends.deliveries.add(deliveryId);
        if (destination != null) {
            sends.busy.put(destination, new HashSet<>());
        }
        return true;
    }

    /** The send of one delivery has ended and the next to the same destination takes its place. */
    synchronized void next(String channel, String endedId, String nextId) {
        Channel sends = channels.get(channel);
        sends.deliveries.remove(endedId);
        sends.deliveries.add(nextId);
    }

    /** The send has ended, recorded or not: the deliveries waiting behind its destination are read again. */
    synchronized void end(String channel, String deliveryId, String destination) {
        Channel sends = channels.get(channel);
        if (sends == null) {
            return;
        }
        sends.deliveries.remove(deliveryId);
        if (destination != null) {
            sends.busy.remove(destination);
        }
    }

    /**
     * Leaves a delivery read while its destination is busy out of the channel's reads until the send
     * ends; returns whether it is left out, which it is not past {@link #MAX_BEHIND}.
     */
    synchronized boolean behind(String channel, String destination, String deliveryId) {
        Channel sends = channels.get(channel);
        if (sends == null || !sends.busy.containsKey(destination) || excluded(sends) >= MAX_BEHIND) {
            return false;
        }
        return sends.busy.get(destination).add(deliveryId);
    }

    synchronized int count(String channel) {
        Channel sends = channels.get(channel);
        return sends == null ? 0 : sends.deliveries.size();
    }

    synchronized int count() {
        return channels.values().stream().mapToInt(c -> c.deliveries.size()).sum();
    }

    /** The channel's destinations with a send in flight. */
    synchronized Set<String> busyDestinations(String channel) {
        Channel sends = channels.get(channel);
        return sends == null ? Set.of() : Set.copyOf(sends.busy.keySet());
    }

    /** The deliveries the channel's reads leave out: those in flight and those waiting behind them. */
    synchronized Set<String> excluded(String channel) {
        Channel sends = channels.get(channel);
        if (sends == null) {
            return Set.of();
        }
        Set<String> ids = new HashSet<>(sends.deliveries);
        sends.busy.values().forEach(ids::addAll);
        return ids;
    }

    private static int excluded(Channel sends) {
        return sends.busy.values().stream().mapToInt(Set::size).sum();
    }
}
