package io.countersign.shared;

import java.util.List;

/** Short lists of names for messages: a conflict about thousands of users names a few and counts the rest. */
public final class Summaries {

    private static final int SHOWN = 10;

    private Summaries() {}

    public static String names(List<String> names) {
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }
}
