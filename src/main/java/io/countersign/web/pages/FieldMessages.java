package io.countersign.web.pages;

import io.countersign.shared.FieldIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A refused form's coded issues by the field that shows them, each message on a line of its own: for
 * the pages that show them so (the policy editor, the mail settings). The heading counts the fields to
 * mend, not their messages, so that it reads as the page looks; and a field names every one of its
 * messages in {@code aria-describedby}, so that a screen reader reads all of them, not the first only.
 */
public final class FieldMessages {

    private final Map<String, List<FieldIssue>> byField;
    private final Set<String> above;

    private FieldMessages(Map<String, List<FieldIssue>> byField, Set<String> above) {
        this.byField = byField;
        this.above = above;
    }

    /**
     * The issues under the field {@code fieldOf} names for each; {@code above} are the keys the page
     * shows above the form rather than at a field, which the heading does not count as fields.
     */
    public static FieldMessages place(List<FieldIssue> issues, UnaryOperator<String> fieldOf, Set<String> above) {
        Map<String, List<FieldIssue>> byField = new LinkedHashMap<>();
        for (FieldIssue issue : issues) {
            byField.computeIfAbsent(fieldOf.apply(issue.field()), key -> new ArrayList<>())
                    .add(issue);
        }
        return new FieldMessages(byField, Set.copyOf(above));
    }

    // public, as the pages' templates call them

    /** The field's issues, or null while it has none. */
    public List<FieldIssue> get(String field) {
        return byField.get(field);
    }

    /** Whether anything was refused, above the form or at a field. */
    public boolean any() {
        return !byField.isEmpty();
    }

    /** The id of the field's {@code count}th message (from 1): {@code error-name}, then {@code error-name-2}. */
    public String messageId(String field, int count) {
        return count == 1 ? "error-" + field : "error-" + field + "-" + count;
    }

    /** {@code true} for a refused field's {@code aria-invalid}, else null, which leaves it out. */
    public String invalid(String field) {
        return byField.containsKey(field) ? "true" : null;
    }

    /** The ids of all the field's messages for its {@code aria-describedby}, else null. */
    public String describedBy(String field) {
        List<FieldIssue> issues = byField.get(field);
        return issues == null
                ? null
                : IntStream.rangeClosed(1, issues.size())
                        .mapToObj(count -> messageId(field, count))
                        .collect(Collectors.joining(" "));
    }

    /** What was not done, and how many fields need a change: {@code Nothing was saved: 2 fields need a change.} */
    public String heading(String what) {
        long fields =
                byField.keySet().stream().filter(key -> !above.contains(key)).count();
        if (fields == 0) {
            return what + ".";
        }
        return fields == 1 ? what + ": one field needs a change." : what + ": " + fields + " fields need a change.";
    }
}
