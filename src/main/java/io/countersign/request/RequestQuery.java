package io.countersign.request;

import java.time.Instant;

/**
 * Filters of the request list; all optional. {@code awaiting} accepts only {@code "me"}: pending
 * requests whose current step waits on the caller's decision, also one they may only reject. {@code
 * createdFrom} (inclusive) and {@code createdTo} (exclusive) bound when the requests were made.
 * {@code limit} defaults to 50 and may be at most 200.
 */
public record RequestQuery(
        String status,
        String requester,
        String resource,
        String awaiting,
        Instant createdFrom,
        Instant createdTo,
        String cursor,
        Integer limit) {

    public RequestQuery(
            String status, String requester, String resource, String awaiting, String cursor, Integer limit) {
        this(status, requester, resource, awaiting, null, null, cursor, limit);
    }

    public static RequestQuery all() {
        return new RequestQuery(null, null, null, null, null, null);
    }
}
