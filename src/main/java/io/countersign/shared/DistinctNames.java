package io.countersign.shared;

import java.util.HashMap;
import java.util.Map;

/**
 * One list of names in which each may appear once. A repeat is refused rather than merged, since a
 * name given twice ({@code ["a", "A"]}) is usually a typing slip for another one that would then go
 * missing without a word.
 */
public final class DistinctNames {

    private final String field;
    private final String listName;
    private final Map<String, Integer> firstIndex = new HashMap<>();

    /** @param field the list's path, such as {@code members} or {@code groups[3].members} */
    public DistinctNames(String field) {
        this.field = field;
        this.listName = field.substring(field.lastIndexOf('.') + 1);
    }

    /**
     * Whether {@code canonical} is the first of its name in the list; a repeat is recorded as
     * {@code duplicate} at its own position, naming the entry it repeats.
     */
    public boolean first(Problems problems, String canonical, int index) {
        Integer earlier = firstIndex.putIfAbsent(canonical, index);
        return problems.check(
                earlier == null,
                field + "[" + index + "]",
                "duplicate",
                earlier == null ? "" : "'" + canonical + "' is already entry " + (earlier + 1) + " of the " + listName);
    }
}
