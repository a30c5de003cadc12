package io.countersign.notify;

import java.time.Duration;

/**
 * What a sender made of one delivery. A failure is tried again with backoff and becomes a dead
 * letter when retries run out; a {@code permanent} failure (a recipient without an address) is dead
 * at once, since trying again cannot help. {@code retryAfter} (may be null) is how long the receiver
 * asked to be left alone, as a {@code 429} with {@code Retry-After} says: the next attempt waits at
 * least that long. An {@code unreachable} failure (no connection to the channel's server, or no
 * answer from it) is retried like any other, and also pauses the whole channel for a moment, so that
 * its other deliveries do not each wait out the same timeout; only the notification's destination
 * pauses when the sender names one ({@link NotificationSender#destination}). {@code statusCode} is the
 * HTTP status the channel's server answered, where it answered one; null otherwise. A {@code skipped}
 * notification was not sent because it is no longer needed (see {@link #skipped(String)}).
 */
public record SendResult(
        boolean delivered,
        String error,
        boolean permanent,
        Duration retryAfter,
        boolean unreachable,
        Integer statusCode,
        boolean skipped) {

    public SendResult(
            boolean delivered,
            String error,
            boolean permanent,
            Duration retryAfter,
            boolean unreachable,
            Integer statusCode) {
        this(delivered, error, permanent, retryAfter, unreachable, statusCode, false);
    }

    public SendResult(boolean delivered, String error, boolean permanent, Duration retryAfter, boolean unreachable) {
        this(delivered, error, permanent, retryAfter, unreachable, null);
    }

    /**
     * How long a delivery on a channel that waits for its configuration rests before it is looked at
     * again: resuming the channel brings it forward, so this only bounds how long one that missed
     * that waits.
     */
    public static final Duration WAITING = Duration.ofHours(1);

    public SendResult(boolean delivered, String error, boolean permanent, Duration retryAfter) {
        this(delivered, error, permanent, retryAfter, false);
    }

    public SendResult(boolean delivered, String error, boolean permanent) {
        this(delivered, error, permanent, null);
    }

    public SendResult(boolean delivered, String error) {
        this(delivered, error, false);
    }

    /** The same outcome, as answered with this HTTP status. */
    public SendResult withStatus(Integer status) {
        return new SendResult(delivered, error, permanent, retryAfter, unreachable, status, skipped);
    }

    public static SendResult ok() {
        return new SendResult(true, null, false);
    }

    public static SendResult failed(String error) {
        return new SendResult(false, error, false);
    }

    /** A failure the receiver asked to be retried no sooner than {@code wait} from now. */
    public static SendResult failed(String error, Duration wait) {
        return new SendResult(false, error, false, wait);
    }

    /**
     * The channel cannot send anything yet (see {@link NotificationSender#waitingFor}): the delivery is
     * looked at again after {@link #WAITING}, or at once when {@link NotificationDeliveries#resume} is
     * called for its channel.
     */
    public static SendResult waiting(String why) {
        return new SendResult(false, why, false, WAITING);
    }

    /**
     * The channel's server could not be reached, or did not answer in time: retried like {@link
     * #failed(String)}, and the channel (or the notification's destination) pauses before its next
     * attempt.
     */
    public static SendResult unreachable(String error) {
        return new SendResult(false, error, false, null, true);
    }

    public static SendResult refused(String error) {
        return new SendResult(false, error, true);
    }

    /**
     * Not sent, and not to be: what it would say no longer holds (the step it asks about ended, the
     * request was decided). The delivery becomes {@link DeliveryState#SKIPPED} with {@code why} as its
     * last error, rather than a dead letter an administrator would look into.
     */
    public static SendResult skipped(String why) {
        return new SendResult(false, why, true, null, false, null, true);
    }
}
