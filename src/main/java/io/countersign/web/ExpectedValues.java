package io.countersign.web;

import io.countersign.shared.TimesAsText;
import io.countersign.shared.UnknownEnumValues;
import java.util.UUID;

/**
 * What a parameter or form field of a given type takes, in the words of the person who typed it:
 * a refusal says "must be a whole number", never the Java type the value was converted to.
 */
public final class ExpectedValues {

    private ExpectedValues() {}

    /** "must be …" for {@code type}, or a plain "is not a valid value" for a type without words of its own. */
    public static String mustBe(Class<?> type) {
        if (type == null) {
            return "is not a valid value";
        }
        if (type == Integer.class || type == int.class || type == Short.class || type == short.class) {
            return "must be a whole number (at most " + Integer.MAX_VALUE + ")";
        }
        if (type == Long.class || type == long.class) {
            return "must be a whole number (at most " + Long.MAX_VALUE + ")";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (TimesAsText.mustBe(type) != null) {
            return TimesAsText.mustBe(type);
        }
        if (type.isEnum()) {
            return UnknownEnumValues.mustBeOneOf(type);
        }
        return "is not a valid value";
    }
}
