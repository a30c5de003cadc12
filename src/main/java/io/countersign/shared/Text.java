package io.countersign.shared;

/**
 * What a text field may contain. Control characters make log lines, mail headers, terminals and
 * PostgreSQL (which refuses NUL in text) misbehave, and a lone surrogate is not a character at all
 * (it cannot be encoded as UTF-8), so they are refused at the edge rather than stored.
 *
 * <p>Refused everywhere: C0 controls (U+0000–U+001F), DEL (U+007F), C1 controls (U+0080–U+009F),
 * unpaired surrogates, and the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069). Those last are invisible and reorder what follows them, so a justification or a
 * ticket holding one shows approvers other text than was written ("INC-\u202E321" reads "INC-123");
 * right-to-left text needs none of them to be shown in its own direction. A multi-line field (justification, comment, reason) may also hold line
 * feeds, tabs, a carriage return that starts a CR LF line break and the line and paragraph separators
 * (U+2028, U+2029); a single-line field never does, since a line break there lets the text pass for
 * another line of the mail or message that shows it.
 */
public final class Text {

    /** Which whitespace controls a field may hold. */
    public enum Lines {
        SINGLE,
        MULTI
    }

    private Text() {}

    /** The index of the first character the field may not hold, or -1 when every character is allowed. */
    public static int firstForbidden(String value, Lines lines) {
        if (value == null) {
            return -1;
        }
        int length = value.length();
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < length && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c) || isForbiddenControl(value, i, lines)) {
                return i;
            }
        }
        return -1;
    }

    public static boolean isClean(String value, Lines lines) {
        return firstForbidden(value, lines) < 0;
    }

    /** A description of the character at {@code index}, for an error message: {@code U+0000}. */
    public static String describe(String value, int index) {
        return String.format("U+%04X", (int) value.charAt(index));
    }

    /**
     * Removes leading and trailing spaces only. {@link String#trim()} also strips control characters,
     * which would let a NUL or an escape sequence at either end pass unnoticed instead of being refused.
     */
    public static String strip(String value) {
        if (value == null) {
            return null;
        }
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) == ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) == ' ') {
            end--;
        }
        return value.substring(start, end);
    }

    /** Whether the value is null or holds nothing but spaces and whitespace. */
    public static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean isForbiddenControl(String value, int i, Lines lines) {
        char c = value.charAt(i);
        if (c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069) {
            return true;
        }
        if (c == 0x2028 || c == 0x2029) {
            // the line and paragraph separators break a line in mail and chat as a line feed does
            return lines == Lines.SINGLE;
        }
        if (c >= 0x20 && c < 0x7F || c > 0x9F) {
            return false;
        }
        if (lines == Lines.MULTI) {
            if (c == '\n' || c == '\t') {
                return false;
            }
            if (c == '\r') {
                return !(i + 1 < value.length() && value.charAt(i + 1) == '\n');
            }
        }
        return true;
    }
}
