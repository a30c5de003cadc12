package io.countersign.request;

/**
 * Filters of the request list; all optional. {@code awaiting} accepts only {@code "me"}: pending
 * requests whose current step waits on the caller. {@code limit} defaults to 50 and may be at most 200.
 */
public record RequestQuery(
        String status, String requester, String resource, String awaiting, String cursor, Integer limit) {

    public static RequestQuery all() {
        return new RequestQuery(null, null, null, null, null, null);
    }
}
