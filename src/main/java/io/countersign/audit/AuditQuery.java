package io.countersign.audit;

import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.Problems;
import io.countersign.shared.Text;
import io.countersign.shared.Timestamps;
import io.countersign.shared.WholeNumbers;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Which audit events to list, newest first: every filter given must hold. {@code from} is
 * inclusive and {@code to} exclusive; {@code cursor} is the {@code nextCursor} of the previous page.
 */
public record AuditQuery(
        String requestId, String actor, String action, Instant from, Instant to, String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    public AuditQuery {
        requestId = lowerCase(requestId);
        actor = blankToNull(Names.canonical(actor));
        action = lowerCase(action);
        cursor = blankToNull(cursor == null ? null : Text.strip(cursor));
    }

    /** The newest events of the whole log. */
    public static AuditQuery newest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, limit);
    }

    /**
     * Reads the query from request parameters as typed by a person or a script; every malformed value
     * is reported at once with the parameter's name. Blank parameters count as absent.
     */
    public static AuditQuery fromParameters(
            String requestId, String actor, String action, String from, String to, String cursor, String limit) {
        Problems problems = new Problems();
        AuditQuery query = new AuditQuery(
                requestId,
                actor,
                action,
                instant(problems, from, "from"),
                instant(problems, to, "to"),
                cursor,
                limit(problems, limit));
        problems.addAll(query.problems().issues());
        problems.throwIfAny();
        return query;
    }

    /** Throws {@link InvalidInputException} naming every parameter that is out of bounds. */
    public void check() {
        problems().throwIfAny();
    }

    /** The id the page must stay below, from the cursor; null for the first page. */
    Long beforeId() {
        if (cursor == null) {
            return null;
        }
        OptionalLong decoded = AuditCursor.decode(AuditCursor.EVENTS, cursor);
        return decoded.isPresent() ? decoded.getAsLong() : null;
    }

    private Problems problems() {
        Problems problems = new Problems();
        problems.maxLength(requestId, "requestId", 32);
        problems.maxLength(actor, "actor", Names.MAX_LENGTH);
        problems.maxLength(action, "action", 64);
        if (from != null && to != null) {
            problems.check(to.isAfter(from), "to", "before_from", "must be later than 'from'");
        }
        if (cursor != null) {
            problems.check(
                    AuditCursor.decode(AuditCursor.EVENTS, cursor).isPresent(),
                    "cursor",
                    "invalid_cursor",
                    "is not a cursor this service returned; start again without it");
        }
        problems.check(limit >= 1 && limit <= MAX_LIMIT, "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        return problems;
    }

    private static Instant instant(Problems problems, String raw, String field) {
        String value = blankToNull(raw == null ? null : Text.strip(raw));
        if (value == null) {
            return null;
        }
        try {
            Instant read = DateTimeFormatter.ISO_INSTANT.parse(value, Instant::from);
            return Timestamps.checkStorable(problems, read, field) ? upToStoredPrecision(read) : null;
        } catch (DateTimeParseException e) {
            problems.add(field, "invalid_value", "must be an ISO-8601 instant such as 2025-01-31T09:30:00Z");
            return null;
        }
    }

    /**
     * Events are stored to the microsecond, and the database rounds a finer bound to the nearest one:
     * rounded up instead, {@code from} leaves out and {@code to} takes in an event just before it.
     */
    private static Instant upToStoredPrecision(Instant read) {
        Instant micros = read.truncatedTo(ChronoUnit.MICROS);
        return micros.equals(read) ? read : micros.plus(1, ChronoUnit.MICROS);
    }

    private static int limit(Problems problems, String raw) {
        String value = blankToNull(raw == null ? null : Text.strip(raw));
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        OptionalInt read = WholeNumbers.parseInt(value);
        if (read.isEmpty()) {
            problems.add("limit", "invalid_value", "must be a whole number between 1 and " + MAX_LIMIT);
            return DEFAULT_LIMIT;
        }
        return read.getAsInt();
    }

    /**
     * Spaces only are forgiven: {@link String#trim()} would also drop a control character at either end,
     * turning a filter that is refused into no filter at all and so the whole log.
     */
    private static String lowerCase(String value) {
        return blankToNull(value == null ? null : Text.strip(value).toLowerCase(Locale.ROOT));
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
