package io.countersign.shared;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * A whole number as a person types it into a parameter or a field: decimal digits, with an optional
 * leading minus. Java's own reading also takes a plus sign and the digits of other scripts ({@code
 * "+5"}, {@code "٥"}), so a value mistyped or tampered with would pass for another number on one list
 * and be refused on the next; every reader of a typed number goes through this one.
 */
public final class WholeNumbers {

    private WholeNumbers() {}

    /** Whether {@code text} is decimal digits with an optional leading minus, whatever its size. */
    public static boolean isDecimal(String text) {
        if (text == null) {
            return false;
        }
        int start = text.startsWith("-") ? 1 : 0;
        if (text.length() == start) {
            return false;
        }
        for (int i = start; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The number {@code text} writes, or empty when it is not decimal digits or is beyond an int. */
    public static OptionalInt parseInt(String text) {
        OptionalLong read = parseLong(text);
        return read.isPresent() && read.getAsLong() == (int) read.getAsLong()
                ? OptionalInt.of((int) read.getAsLong())
                : OptionalInt.empty();
    }

    /** The number {@code text} writes, or empty when it is not decimal digits or is beyond a long. */
    public static OptionalLong parseLong(String text) {
        if (!isDecimal(text)) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(text));
        } catch (NumberFormatException tooLarge) {
            return OptionalLong.empty();
        }
    }
}
