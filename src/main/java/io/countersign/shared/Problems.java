package io.countersign.shared;

import java.time.Duration;
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

    /**
     * A parameter that takes one value, given at most once: which of two would count is not the
     * caller's guess, and joined they would be a value nobody sent.
     */
    public boolean givenOnce(String[] values, String field) {
        return check(values == null || values.length <= 1, field, "repeated", "must be given once");
    }

    /** A required single-line text: not blank, at most {@code maxLength} characters, no control characters. */
    public boolean requireText(String value, String field, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "required", "must not be blank");
            return false;
        }
        return text(value, field, maxLength, Text.Lines.SINGLE);
    }

    /** An optional single-line text: at most {@code maxLength} characters, no control characters. */
    public boolean maxLength(String value, String field, int maxLength) {
        return text(value, field, maxLength, Text.Lines.SINGLE);
    }

    /** An optional text that may span lines (a justification, a comment): line feeds and tabs are allowed. */
    public boolean multiLineText(String value, String field, int maxLength) {
        return text(value, field, maxLength, Text.Lines.MULTI);
    }

    /**
     * The one check every text field of every input goes through: its documented maximum length and
     * the characters {@link Text} refuses. A null value passes; whether it is required is the caller's rule.
     */
    public boolean text(String value, String field, int maxLength, Text.Lines lines) {
        if (value == null) {
            return true;
        }
        if (!check(value.length() <= maxLength, field, "too_long", "must be at most " + maxLength + " characters")) {
            return false;
        }
        int bad = Text.firstForbidden(value, lines);
        return check(
                bad < 0,
                field,
                "invalid_character",
                bad < 0
                        ? ""
                        : "must not contain control characters, direction overrides or unpaired surrogates ("
                                // counted from 1, as a person counts the characters they wrote
                                + Text.describe(value, bad) + " at position " + (bad + 1) + ")");
    }

    /**
     * A duration as requests, grants and policies keep it: positive and in whole seconds, since a
     * fraction would be cut off where it is stored or counted (PT1.5S would grant one second).
     */
    public boolean positiveWholeSeconds(Duration value, String field) {
        return check(!value.isNegative() && !value.isZero(), field, "not_positive", "must be positive, e.g. PT1H")
                && check(
                        value.getNano() == 0,
                        field,
                        "not_whole_seconds",
                        "must be a whole number of seconds, e.g. PT90S or PT1H");
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
