package io.countersign.web.pages;

import io.countersign.shared.Problems;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads the times people pick in a {@code datetime-local} field, which carries no zone: the pages
 * label them UTC and read them so. A full ISO-8601 instant (as the pages put into their own links) is
 * read as it is.
 */
final class UtcTimes {

    private UtcTimes() {}

    /** The instant, or null when the field is empty or unreadable (then {@code problems} says why). */
    static Instant parse(String raw, String field, Problems problems) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String text = raw.trim();
        try {
            return text.endsWith("Z")
                    ? Instant.parse(text)
                    : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            problems.add(field, "invalid_instant", "must be a date and time such as 2026-12-01T09:30");
            return null;
        }
    }

    /** The value a {@code datetime-local} field shows for an instant: minutes, UTC, no zone. */
    static String local(Instant instant) {
        return instant == null
                ? null
                : LocalDateTime.ofInstant(instant, ZoneOffset.UTC).toString();
    }
}
