package io.countersign.shared;

/**
 * The root of the error vocabulary. The web layer maps each subtype to one HTTP status and an RFC
 * 9457 problem; nothing else decides status codes.
 */
public abstract class CountersignException extends RuntimeException {

    protected CountersignException(String message) {
        super(message);
    }

    /** A short, stable title for the problem ("Not found", "Invalid input", …). */
    public abstract String title();
}
