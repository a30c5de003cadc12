package io.countersign.shared;

import java.util.List;

/** One page of a list ordered by name; {@code nextCursor} is null on the last page. */
public record NamePage<T>(List<T> items, String nextCursor) {}
