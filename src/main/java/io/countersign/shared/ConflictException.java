package io.countersign.shared;

import java.util.List;

/** The operation contradicts the current state: a duplicate name, a request that is no longer pending. */
public class ConflictException extends CountersignException {

    public ConflictException(String message) {
        super(message);
    }

    /** A conflict that one value of the input causes, named in {@code issues} as invalid input names it. */
    public ConflictException(String message, List<FieldIssue> issues) {
        super(message, issues);
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
