package io.countersign.shared;

import java.util.ArrayList;
import java.util.List;

/** Collects every issue of an input so that the caller learns all of them in one answer. */
public final class Problems {

    private final List<FieldIssue> issues = new ArrayList<>();

    public Problems add(String field, String code, String message) {
        issues.add(new FieldIssue(field, code, message));
        return this;
    }

    public Problems addAll(List<FieldIssue> more) {
        issues.addAll(more);
        return this;
    }

    /** Adds the issue when {@code ok} is false; returns {@code ok} so callers can chain checks. */
    public boolean check(boolean ok, String field, String code, String message) {
        if (!ok) {
            add(field, code, message);
        }
        return ok;
    }

    public boolean requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "required", "must not be blank");
            return false;
        }
        return check(value.length() <= maxLength, field, "too_long", "must be at most " + maxLength + " characters");
    }

    public boolean maxLength(String value, String field, int maxLength) {
        return value == null
                || check(
                        value.length() <= maxLength, field, "too_long", "must be at most " + maxLength + " characters");
    }

    public boolean isEmpty() {
        return issues.isEmpty();
    }

    public List<FieldIssue> issues() {
        return List.copyOf(issues);
    }

    public void throwIfAny() {
        if (!issues.isEmpty()) {
            throw new InvalidInputException(issues);
        }
    }
}
