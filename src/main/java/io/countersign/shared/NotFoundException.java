package io.countersign.shared;

/**
 * Something named by the caller does not exist, or the caller may not know that it exists. Both
 * cases produce the same answer on purpose.
 */
public class NotFoundException extends CountersignException {

    private final String kind;

    public NotFoundException(String kind, String id) {
        super("No " + kind + " '" + id + "' exists or you may not see it.");
        this.kind = kind;
    }

    /** What was not found: {@code user}, {@code resource}, {@code request}, ... */
    public String kind() {
        return kind;
    }

    @Override
    public String title() {
        return "Not found";
    }
}
