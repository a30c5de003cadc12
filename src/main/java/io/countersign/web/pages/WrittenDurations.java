package io.countersign.web.pages;

import io.countersign.shared.IsoDurations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them on the pages ({@code 4h}, {@code 1d 2h}, {@code 30m}), in the policy editor
 * and the request form alike; ISO-8601 ({@code PT4H}) is read too, for a value pasted from the API. A day is
 * 24 hours, as the API counts one.
 */
public final class WrittenDurations {

    // any length a person may type is read, so that one too long meets the policy's maximum, which says
    // what is allowed, rather than a hint about the format
    private static final Pattern PART = Pattern.compile(
            "(\\d{1,9})\\s*(days?|d|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)\\s*", Pattern.CASE_INSENSITIVE);

    /** Largest first: a unit may come once, after the larger ones, so "2h 1d" is no duration. */
    private static final List<Duration> UNITS =
            List.of(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofSeconds(1));

    private WrittenDurations() {}

    /** The duration {@code text} says; empty when it says none. */
    public static Optional<Duration> read(String text) {
        String trimmed = text.trim();
        if (trimmed.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Optional.of(IsoDurations.parse(trimmed.toUpperCase(Locale.ROOT)));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        Matcher part = PART.matcher(trimmed);
        Duration total = Duration.ZERO;
        int smallestSoFar = -1;
        int at = 0;
        while (at < trimmed.length()) {
            if (!part.find(at) || part.start() != at) {
                return Optional.empty();
            }
            int unit = unit(part.group(2));
            if (unit <= smallestSoFar) {
                return Optional.empty();
            }
            smallestSoFar = unit;
            total = total.plus(UNITS.get(unit).multipliedBy(Long.parseLong(part.group(1))));
            at = part.end();
        }
        return at == 0 ? Optional.empty() : Optional.of(total);
    }

    /** {@code 1d 2h}, {@code 30m}; ISO-8601 for what whole seconds do not hold, so nothing is rounded away. */
    public static String write(Duration duration) {
        if (duration.isNegative() || duration.getNano() != 0) {
            return duration.toString();
        }
        List<String> parts = new ArrayList<>();
        add(parts, duration.toDays(), "d");
        add(parts, duration.toHoursPart(), "h");
        add(parts, duration.toMinutesPart(), "m");
        add(parts, duration.toSecondsPart(), "s");
        return parts.isEmpty() ? "0m" : String.join(" ", parts);
    }

    private static void add(List<String> parts, long amount, String unit) {
        if (amount > 0) {
            parts.add(amount + unit);
        }
    }

    private static int unit(String word) {
        return switch (Character.toLowerCase(word.charAt(0))) {
            case 'd' -> 0;
            case 'h' -> 1;
            case 'm' -> 2;
            default -> 3;
        };
    }
}
