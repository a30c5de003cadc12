package io.countersign.notify;

/**
 * What a sender made of one delivery. A failure is tried again with backoff and becomes a dead
 * letter when retries run out; a {@code permanent} failure (a recipient without an address) is dead
 * at once, since trying again cannot help.
 */
public record SendResult(boolean delivered, String error, boolean permanent) {

    public SendResult(boolean delivered, String error) {
        this(delivered, error, false);
    }

    public static SendResult ok() {
        return new SendResult(true, null, false);
    }

    public static SendResult failed(String error) {
        return new SendResult(false, error, false);
    }

    public static SendResult refused(String error) {
        return new SendResult(false, error, true);
    }
}
