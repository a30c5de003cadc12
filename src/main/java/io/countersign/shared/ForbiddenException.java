package io.countersign.shared;

/** The caller is known and may see the subject, but may not perform this operation on it. */
public class ForbiddenException extends CountersignException {

    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public String title() {
        return "Forbidden";
    }
}
