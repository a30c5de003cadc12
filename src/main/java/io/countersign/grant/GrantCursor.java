package io.countersign.grant;

import io.countersign.shared.TimeCursor;
import java.time.Instant;

/** The opaque position after the last grant of a page: its start and id. */
record GrantCursor(Instant startsAt, String id) {

    String encode() {
        return new TimeCursor(startsAt, id).encode();
    }

    static GrantCursor decode(String cursor) {
        TimeCursor decoded = TimeCursor.decode(cursor);
        return new GrantCursor(decoded.at(), decoded.id());
    }
}
