package io.countersign.shared;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * An opaque page position made of an instant and an id, as lists ordered by time hand out in
 * {@code nextCursor}, sealed for the list that hands it out ({@link Cursors}). Decoding trusts
 * nothing: a cursor is client input, so anything that list did not write (another list's cursor, a
 * position edited or made up, garbage) is refused as invalid input instead of reaching the database.
 */
public record TimeCursor(Instant at, String id) {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SECONDS = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern NANOS = Pattern.compile("[0-9]{1,9}");

    /** The cursor for {@code list}: its name is sealed in, so no other list reads it. */
    public String encode(String list) {
        return Cursors.seal(list, at.getEpochSecond() + "." + at.getNano() + "." + id);
    }

    /** @throws InvalidInputException naming the {@code cursor} parameter when {@code list} did not write it */
    public static TimeCursor decode(String list, String cursor) {
        String raw = Cursors.open(list, cursor).orElseThrow(TimeCursor::invalid);
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 3
                || !SECONDS.matcher(parts[0]).matches()
                || !NANOS.matcher(parts[1]).matches()
                || !ID.matcher(parts[2]).matches()) {
            throw invalid();
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        if (!Timestamps.storable(at)) {
            throw invalid();
        }
        return new TimeCursor(at, parts[2]);
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.of(
                "cursor", "invalid_cursor", "is not a cursor this service returned; start again without it");
    }
}
