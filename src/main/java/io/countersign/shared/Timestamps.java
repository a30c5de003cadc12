package io.countersign.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Converts instants for JDBC: both H2 and PostgreSQL bind {@link OffsetDateTime}, not {@link Instant}. */
public final class Timestamps {

    /**
     * The range a stored timestamp can take on every supported database, as ISO-8601 writes it without
     * a sign: an instant outside it is refused where it is read, before it reaches a query.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    /** How a refusal words the range, the same for a body field and a query parameter. */
    public static final String RANGE = "must lie between " + EARLIEST + " and " + LATEST;

    /**
     * How far ahead an end a person sets (a delegation's {@code until}, a token's {@code expiresAt}) may
     * lie: ten years, longer than any absence or credential should run unreviewed.
     */
    public static final Duration FARTHEST_AHEAD = Duration.ofDays(3653);

    private Timestamps() {}

    /**
     * Adds an {@code too_far_ahead} issue on {@code field} when {@code end} lies more than {@link
     * #FARTHEST_AHEAD} after {@code now}.
     */
    public static boolean checkNotTooFarAhead(Problems problems, Instant end, Instant now, String field) {
        Instant latest = now.plus(FARTHEST_AHEAD);
        return problems.check(
                end == null || !end.isAfter(latest),
                field,
                "too_far_ahead",
                "must be at most 10 years ahead (no later than " + latest + ")");
    }

    /** Whether {@code instant} fits the database's range; null does, as it stores as null. */
    public static boolean storable(Instant instant) {
        return instant == null || !(instant.isBefore(EARLIEST) || instant.isAfter(LATEST));
    }

    /** Adds an {@code out_of_range} issue on {@code field} when {@code instant} does not fit the database. */
    public static boolean checkStorable(Problems problems, Instant instant, String field) {
        return problems.check(storable(instant), field, "out_of_range", RANGE);
    }

    public static OffsetDateTime toDb(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant fromDb(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
