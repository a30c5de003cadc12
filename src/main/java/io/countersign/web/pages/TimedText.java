package io.countersign.web.pages;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A sentence with instants and durations in it, such as "until 2026-12-07 14:55 UTC (2 hours
 * remaining)": each stays a part of its own, so that the page writes it as a {@code <time>} element
 * holding the exact value while people read it the way {@link HumanTimes} writes it. Public for the
 * policy editor, which writes the durations of a policy so.
 */
public record TimedText(List<Part> parts) {

    /** Words, or an instant ({@code at}) or a length of time ({@code lasting}) with the words people read for it. */
    record Part(String text, Instant at, Duration lasting) {

        /** The exact ISO-8601 value the page keeps in a {@code <time>} element; null for plain words. */
        public String exact() {
            return at != null ? at.toString() : lasting != null ? lasting.toString() : null;
        }
    }

    public TimedText {
        parts = List.copyOf(parts);
    }

    public static TimedText of(String text) {
        return new TimedText(List.of(new Part(text, null, null)));
    }

    public TimedText then(String text) {
        return with(new Part(text, null, null));
    }

    TimedText then(Instant at) {
        return with(new Part(HumanTimes.when(at), at, null));
    }

    public TimedText then(Duration lasting) {
        return then(HumanTimes.duration(lasting), lasting);
    }

    /** A length of time in {@code words} rounded for people, keeping the exact one. */
    TimedText then(String words, Duration lasting) {
        return with(new Part(words, null, lasting));
    }

    public TimedText then(TimedText more) {
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
