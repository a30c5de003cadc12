package io.countersign.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants and durations as people read them on pages, in mail and in chat alike: {@code 2026-12-07
 * 14:55 UTC} and {@code 1 hour 30 minutes}, so that an approver reads the same time wherever they are
 * asked.
 */
public final class TimesForPeople {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private TimesForPeople() {}

    /** {@code 2026-12-07 14:55 UTC}; null for null. */
    public static String at(Instant at) {
        return at == null ? null : WHEN.format(at);
    }

    /** "2 hours 30 minutes", "45 minutes", "1 day 4 hours"; seconds only for less than a minute; null for null. */
    public static String lasting(Duration duration) {
        if (duration == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        append(text, duration.toDays(), "day");
        append(text, duration.toHoursPart(), "hour");
        append(text, duration.toMinutesPart(), "minute");
        return text.isEmpty() ? Counted.of(duration.toSeconds(), "second") : text.toString();
    }

    /**
     * {@code 2026-12-07 14:55 UTC (in 3 hours)}, or {@code (2 hours ago)} once passed, as seen at {@code
     * now}; within a second of it, {@code (now)} rather than a count of no seconds. Null for null.
     */
    public static String relative(Instant at, Instant now) {
        if (at == null) {
            return null;
        }
        Duration until = Duration.between(now, at);
        if (until.abs().compareTo(Duration.ofSeconds(1)) < 0) {
            return at(at) + " (now)";
        }
        return at(at)
                + (until.isNegative() ? " (" + lasting(until.negated()) + " ago)" : " (in " + lasting(until) + ")");
    }

    /**
     * When access asked for a later time would start: {@code 2026-12-07 14:55 UTC (in 3 hours)}; once
     * that time has passed, as a late delivery may find it, approving starts the access at once.
     */
    public static String starts(Instant startsAt, Instant now) {
        return at(startsAt)
                + (startsAt.isAfter(now)
                        ? " (in " + lasting(Duration.between(now, startsAt)) + ")"
                        : " (passed: approving starts the access at once)");
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount > 0) {
            text.append(text.isEmpty() ? "" : " ").append(Counted.of(amount, unit));
        }
    }
}
