package io.countersign.shared;

/**
 * Something named by the caller does not exist, or the caller may not know that it exists. Both
 * cases produce the same answer on purpose.
 */
public class NotFoundException extends CountersignException {

    public NotFoundException(String kind, String id) {
        super("No " + kind + " '" + id + "' exists or you may not see it.");
    }

    @Override
    public String title() {
        return "Not found";
    }
}
