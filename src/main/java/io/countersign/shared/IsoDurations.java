package io.countersign.shared;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * ISO-8601 durations as the service takes them: a length of time, never signed. {@link
 * Duration#parse} also reads a sign before the whole and before each part, so {@code PT1H-30M} would
 * be thirty minutes, {@code -PT-1H} one hour and {@code P1DT-23H} one hour: whoever wrote them meant
 * something else, and the service would not say so.
 */
public final class IsoDurations {

    private IsoDurations() {}

    /** Whether the text holds a sign anywhere, which no duration the service takes has. */
    public static boolean signed(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == '+') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link Duration#parse} of text without a sign.
     *
     * @throws DateTimeParseException when the text is signed or no ISO-8601 duration
     */
    public static Duration parse(CharSequence text) {
        if (signed(text)) {
            throw new DateTimeParseException("a duration has no sign", text, 0);
        }
        return Duration.parse(text);
    }
}
