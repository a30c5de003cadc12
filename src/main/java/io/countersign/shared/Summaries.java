package io.countersign.shared;

import java.util.List;

/** Short lists of names for messages: a conflict about thousands of users names a few and counts the rest. */
public final class Summaries {

    private static final int SHOWN = 10;

    private Summaries() {}

    /** Names as a sentence says them: "rosa", "rosa and sam", "rosa, sam and tom". */
    public static String inWords(List<String> names) {
        if (names.size() < 2) {
            return String.join("", names);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    public static String names(List<String> names) {
        if (names.size() <= SHOWN) {
            return String.join(", ", names);
        }
        return String.join(", ", names.subList(0, SHOWN)) + " and " + (names.size() - SHOWN) + " more";
    }
}
