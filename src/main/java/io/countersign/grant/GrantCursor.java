package io.countersign.grant;

import io.countersign.shared.TimeCursor;
import java.time.Instant;

/** The opaque position after the last grant of a page: its start and id. */
record GrantCursor(Instant startsAt, String id) {

    private static final String LIST = "grants";

    String encode() {
        return new TimeCursor(startsAt, id).encode(LIST);
    }

    static GrantCursor decode(String cursor) {
        TimeCursor decoded = TimeCursor.decode(LIST, cursor);
        return new GrantCursor(decoded.at(), decoded.id());
    }
}
