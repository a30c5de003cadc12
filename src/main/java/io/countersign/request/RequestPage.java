package io.countersign.request;

import java.util.List;

/** One page of requests, newest first; {@code nextCursor} is null on the last page. */
public record RequestPage(List<AccessRequest> items, String nextCursor) {}
