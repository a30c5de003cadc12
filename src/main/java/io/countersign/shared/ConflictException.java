package io.countersign.shared;

/** The operation contradicts the current state: a duplicate name, a request that is no longer pending. */
public class ConflictException extends CountersignException {

    public ConflictException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
