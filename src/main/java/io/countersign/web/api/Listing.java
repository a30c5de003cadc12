package io.countersign.web.api;

import java.util.List;
import java.util.function.Function;

/**
 * The two shapes of a configuration list. With {@code limit} or {@code cursor} the answer is a page
 * {@code {items, nextCursor}}; without either it stays the plain array every item that clients
 * written before pagination read.
 */
final class Listing {

    private Listing() {}

    static boolean paged(String cursor, Integer limit) {
        return cursor != null || limit != null;
    }

    /** The unpaginated answer, with the same prefix filter a page applies. */
    static <T> List<T> withPrefix(List<T> all, String prefix, Function<T, String> key) {
        if (prefix == null || prefix.isEmpty()) {
            return all;
        }
        return all.stream().filter(item -> key.apply(item).startsWith(prefix)).toList();
    }
}
