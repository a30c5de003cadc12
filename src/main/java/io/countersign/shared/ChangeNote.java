package io.countersign.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What an update changed, field by field, as an audit note says it: {@code changed role ADMIN → USER,
 * email, members (added sam; removed bob)}. Values that decide what someone may do are shown before and
 * after; personal ones, such as a mail address, only by the field's name. Never given a secret.
 */
public final class ChangeNote {

    private final List<String> changes = new ArrayList<>();

    /** Records {@code field before → after} when the values differ; an absent value reads {@code none}. */
    public ChangeNote value(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(field + " " + shown(before) + " → " + shown(after));
        }
        return this;
    }

    /** Records the field's name alone when the values differ: what it holds is not for the audit log. */
    public ChangeNote field(String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changes.add(field);
        }
        return this;
    }

    /** Records the names a list or set gained and lost, a few of each and how many more. */
    public ChangeNote names(String field, Collection<String> before, Collection<String> after) {
        Collection<String> was = before == null ? List.of() : before;
        Collection<String> is = after == null ? List.of() : after;
        List<String> added = is.stream()
                .filter(name -> !was.contains(name))
                .distinct()
                .sorted()
                .toList();
        List<String> removed = was.stream()
                .filter(name -> !is.contains(name))
                .distinct()
                .sorted()
                .toList();
        List<String> parts = new ArrayList<>();
        if (!added.isEmpty()) {
            parts.add("added " + Summaries.names(added));
        }
        if (!removed.isEmpty()) {
            parts.add("removed " + Summaries.names(removed));
        }
        if (!parts.isEmpty()) {
            changes.add(field + " (" + String.join("; ", parts) + ")");
        }
        return this;
    }

    /** Records, key by key, the values a map changed, gained and lost. */
    public ChangeNote entries(String field, java.util.Map<String, ?> before, java.util.Map<String, ?> after) {
        var was = before == null ? java.util.Map.<String, Object>of() : before;
        var is = after == null ? java.util.Map.<String, Object>of() : after;
        TreeSet<String> keys = new TreeSet<>(was.keySet());
        keys.addAll(is.keySet());
        keys.forEach(key -> value(field + "." + key, was.get(key), is.get(key)));
        return this;
    }

    /** Records a change described elsewhere, such as {@code step 3 added}. */
    public ChangeNote add(String change) {
        changes.add(change);
        return this;
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    /** The changes alone, such as {@code role ADMIN → USER, email}; empty when nothing changed. */
    public String changes() {
        return String.join(", ", changes);
    }

    /** One entry of a list of changes, as an import's note gives it: {@code alice (role ADMIN → USER)}. */
    public String of(String name) {
        return name + " (" + changes() + ")";
    }

    /** The note: {@code changed …}, or {@code no change}. */
    @Override
    public String toString() {
        return changes.isEmpty() ? "no change" : "changed " + changes();
    }

    private static String shown(Object value) {
        return value == null ? "none" : value.toString();
    }
}
