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

    /**
     * A name another {@code kind} holds, named at the {@code field} that holds it (code {@code taken}), so
     * that a form marks that field as it marks any other refusal of its value and the API lists it in
     * {@code errors}.
     */
    public static ConflictException nameTaken(String kind, String field, String name) {
        String exists = kind + " named '" + name + "' already exists";
        return new ConflictException(
                "A " + exists + ".", List.of(new FieldIssue(field, "taken", "is taken: a " + exists)));
    }

    @Override
    public String title() {
        return "Conflict";
    }
}
