package io.countersign.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * An opaque page position made of an instant and an id, as lists ordered by time hand out in
 * {@code nextCursor}. Decoding trusts nothing: a cursor is client input, so anything this class did
 * not write (wrong field count, garbage base64, an instant the database cannot store, an id with
 * characters no id has) is refused as invalid input instead of reaching the database.
 */
public record TimeCursor(Instant at, String id) {

    /** The range a stored timestamp can take on every supported database. */
    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private static final int MAX_LENGTH = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern SECONDS = Pattern.compile("-?[0-9]{1,18}");
    private static final Pattern NANOS = Pattern.compile("[0-9]{1,9}");

    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws InvalidInputException naming the {@code cursor} parameter when it is not one this service wrote */
    public static TimeCursor decode(String cursor) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        String raw;
        try {
            raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        String[] parts = raw.split("\\.", -1);
        if (parts.length != 3
                || !SECONDS.matcher(parts[0]).matches()
                || !NANOS.matcher(parts[1]).matches()
                || !ID.matcher(parts[2]).matches()) {
            throw invalid();
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw invalid();
        }
        return new TimeCursor(at, parts[2]);
    }

    private static InvalidInputException invalid() {
        return InvalidInputException.of(
                "cursor", "invalid_cursor", "is not a cursor this service returned; start again without it");
    }
}
