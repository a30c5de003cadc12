package io.countersign.inventory;

import io.countersign.shared.Problems;

/**
 * What a label value must be. A policy condition on a label is held to the same rule as the resources
 * it matches: a value no resource can carry would be a condition that never holds.
 */
public final class Labels {

    public static final int MAX_VALUE = 256;

    private Labels() {}

    /** Records why {@code value} cannot be a label's value: missing, too long, or more than one line. */
    public static void checkValue(Problems problems, String value, String field) {
        if (value == null) {
            problems.add(field, "required", "must have a value");
        } else {
            problems.maxLength(value, field, MAX_VALUE);
        }
    }
}
