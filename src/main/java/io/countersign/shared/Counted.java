package io.countersign.shared;

/**
 * A number with the noun it counts, in the singular for one and the plural otherwise ("1 attempt",
 * "3 attempts", "0 pending deliveries"), for the notes, logs and messages people read.
 */
public final class Counted {

    private Counted() {}

    /** A noun whose plural adds an {@code s}. */
    public static String of(long count, String noun) {
        return of(count, noun, noun + "s");
    }

    public static String of(long count, String one, String many) {
        return count + " " + (count == 1 ? one : many);
    }
}
