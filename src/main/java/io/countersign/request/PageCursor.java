package io.countersign.request;

import io.countersign.shared.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * The opaque position after the last item of a page, newest first: its creation time and id (the id
 * breaks ties between requests created in the same microsecond).
 */
record PageCursor(Instant createdAt, String id) {

    String encode() {
        String raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static PageCursor decode(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\.", 3);
            Instant at = Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            if (parts[2].isEmpty()) {
                throw new IllegalArgumentException("no id");
            }
            return new PageCursor(at, parts[2]);
        } catch (RuntimeException e) {
            throw InvalidInputException.of("cursor", "invalid_cursor", "is not a cursor this service returned");
        }
    }
}
