package io.countersign.notify.internal;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether the deliveries to one server may be attempted now: a notification channel's server, or one
 * webhook's endpoint. A server that could not be reached rests for a while instead of spending a
 * sender thread and a timeout on every queued delivery; once the rest is over, one delivery at a time
 * probes the server until one gets an answer, and then its deliveries are sent as before. The
 * deliveries keep their own retry schedule throughout: those not attempted meanwhile simply stay due.
 */
final class ServerPause {

    private final Duration length;
    private Instant until;

    ServerPause(Duration length) {
        this.length = length;
    }

    /** Whether a delivery to the server may be attempted at {@code now}. */
    synchronized boolean allows(Instant now) {
        return until == null || !now.isBefore(until);
    }

    /** Whether the rest is over but no attempt has reached the server since: one delivery at a time. */
    synchronized boolean probing(Instant now) {
        return until != null && !now.isBefore(until);
    }

    /** An attempt at {@code at} could not reach the server; returns true when this began the pause. */
    synchronized boolean unreachable(Instant at) {
        boolean began = until == null;
        until = at.plus(length);
        return began;
    }

    /**
     * Rests until {@code until}, as the database tells of another instance's rest of the server, or of
     * the lease of its probe; {@code until} may have passed, when the server is to be probed.
     */
    synchronized void restsUntil(Instant until) {
        this.until = until;
    }

    /** The server answered, or was replaced: returns true when this ended a pause. */
    synchronized boolean end() {
        boolean ended = until != null;
        until = null;
        return ended;
    }
}
