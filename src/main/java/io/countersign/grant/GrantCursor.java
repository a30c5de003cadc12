package io.countersign.grant;

import io.countersign.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** The opaque position after the last grant of a page: its start and id. */
record GrantCursor(Instant startsAt, String id) {

    String encode() {
        String raw = startsAt.getEpochSecond() + "." + startsAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static GrantCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            if (parts.length < 3 || parts[2].isEmpty()) {
                throw new IllegalArgumentException("no id");
            }
            return new GrantCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw InvalidInputException.of("cursor", "invalid_cursor", "is not a cursor this service returned");
        }
    }
}
