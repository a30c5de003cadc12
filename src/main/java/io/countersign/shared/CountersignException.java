package io.countersign.shared;

import java.util.List;

/**
 * The root of the error vocabulary. The web layer maps each subtype to one HTTP status and an RFC
 * 9457 problem; nothing else decides status codes.
 */
public abstract class CountersignException extends RuntimeException {

    private final List<FieldIssue> issues;

    protected CountersignException(String message) {
        this(message, List.of());
    }

    protected CountersignException(String message, List<FieldIssue> issues) {
        super(message);
        this.issues = List.copyOf(issues);
    }

    /** A short, stable title for the problem ("Not found", "Invalid input", …). */
    public abstract String title();

    /** The fields of the input at fault, for a refusal that can point at them; empty otherwise. */
    public List<FieldIssue> issues() {
        return issues;
    }
}
