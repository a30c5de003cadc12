package io.countersign.web.pages;

import io.countersign.shared.FieldIssue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a list's filters were refused: the message of each filter the page shows a control for, for the
 * page to put beside it, and above the list a summary naming what no control shows (a cursor, a
 * parameter the page does not take).
 */
public record FilterErrors(Map<String, String> fields, String summary) {

    static final FilterErrors NONE = new FilterErrors(Map.of(), null);

    static FilterErrors of(List<FieldIssue> issues, Set<String> filters) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> elsewhere = new ArrayList<>();
        for (FieldIssue issue : issues) {
            if (filters.contains(issue.field())) {
                fields.merge(issue.field(), issue.message(), (a, b) -> a + "; " + b);
            } else {
                elsewhere.add(issue.field() + ": " + issue.message());
            }
        }
        if (!fields.isEmpty()) {
            elsewhere.add(fields.size() == 1 ? "correct the filter marked below" : "correct the filters marked below");
        }
        return new FilterErrors(Map.copyOf(fields), "Nothing is listed: " + String.join("; ", elsewhere) + ".");
    }

    // public, as the pages' templates call them

    /** The filter's message, or null. */
    public String of(String filter) {
        return fields.get(filter);
    }

    /** {@code true} for a refused filter's {@code aria-invalid}, else null, which leaves it out. */
    public String invalid(String filter) {
        return fields.containsKey(filter) ? "true" : null;
    }

    /** The id of the filter's message for its control's {@code aria-describedby}, else null. */
    public String describedBy(String filter) {
        return fields.containsKey(filter) ? filter + "-error" : null;
    }
}
