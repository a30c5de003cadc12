package io.countersign.request;

import io.countersign.shared.TimeCursor;
import java.time.Instant;

/**
 * The opaque position after the last item of a page, newest first: its creation time and id (the id
 * breaks ties between requests created in the same microsecond).
 */
record PageCursor(Instant createdAt, String id) {

    /** The list of requests, and the list of break-glass uses: each reads only its own cursors. */
    static final String REQUESTS = "requests";

    static final String BREAK_GLASS = "breakglass";

    String encode(String list) {
        return new TimeCursor(createdAt, id).encode(list);
    }

    static PageCursor decode(String list, String cursor) {
        TimeCursor decoded = TimeCursor.decode(list, cursor);
        return new PageCursor(decoded.at(), decoded.id());
    }
}
