package io.countersign.web.pages;

import io.countersign.shared.Problems;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

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

    /**
     * What a {@code datetime-local} field shows for what was asked: the time in UTC without a zone, as
     * the field takes it; a browser would show a value with a zone ({@code 2026-12-01T09:30:00Z}, as
     * the pages' own links carry) as empty, and a later submit would drop the filter. What cannot be
     * read is kept as typed, so that it can be corrected.
     */
    static String field(String raw) {
        Instant instant = parse(raw, "field", new Problems());
        // the field takes at most milliseconds
        return instant == null
                ? raw
                : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC)
                        .toString();
    }
}
