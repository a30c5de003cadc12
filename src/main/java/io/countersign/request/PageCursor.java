package io.countersign.request;

import io.countersign.shared.TimeCursor;
import java.time.Instant;

/**
 * The opaque position after the last item of a page, newest first: its creation time and id (the id
 * breaks ties between requests created in the same microsecond).
 */
record PageCursor(Instant createdAt, String id) {

    String encode() {
        return new TimeCursor(createdAt, id).encode();
    }

    static PageCursor decode(String cursor) {
        TimeCursor decoded = TimeCursor.decode(cursor);
        return new PageCursor(decoded.at(), decoded.id());
    }
}
