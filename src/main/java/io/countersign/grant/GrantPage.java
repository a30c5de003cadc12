package io.countersign.grant;

import java.util.List;

/** One page of grants, newest start first; {@code nextCursor} is null on the last page. */
public record GrantPage(List<Grant> items, String nextCursor) {}
