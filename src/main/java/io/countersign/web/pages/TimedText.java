package io.countersign.web.pages;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sentence with instants in it, such as "until 2026-12-07 14:55 UTC (2 hours remaining)": each
 * instant stays a part of its own, so that the page writes it as a {@code <time>} element holding the
 * exact value while people read it the way {@link HumanTimes} writes it.
 */
record TimedText(List<Part> parts) {

    /** Words, or an instant ({@code at}) with the words people read for it. */
    record Part(String text, Instant at) {}

    TimedText {
        parts = List.copyOf(parts);
    }

    static TimedText of(String text) {
        return new TimedText(List.of(new Part(text, null)));
    }

    TimedText then(String text) {
        return with(new Part(text, null));
    }

    TimedText then(Instant at) {
        return with(new Part(HumanTimes.when(at), at));
    }

    TimedText then(TimedText more) {
        List<Part> joined = new ArrayList<>(parts);
        joined.addAll(more.parts);
        return new TimedText(joined);
    }

    private TimedText with(Part part) {
        List<Part> more = new ArrayList<>(parts);
        more.add(part);
        return new TimedText(more);
    }

    @Override
    public String toString() {
        return parts.stream().map(Part::text).collect(Collectors.joining());
    }
}
