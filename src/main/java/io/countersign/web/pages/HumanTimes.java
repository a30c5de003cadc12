package io.countersign.web.pages;

import io.countersign.shared.TimesForPeople;
import java.time.Duration;
import java.time.Instant;

/**
 * Instants and durations as every page writes them for people ({@link TimesForPeople}):
 * {@code 2026-12-07 14:55 UTC} and {@code 1 hour 30 minutes}. Templates get it as {@code times}
 * through the {@code at} and {@code lasting} fragments of the layout, which keep the exact ISO-8601
 * value in the {@code datetime} and {@code title} of a {@code <time>} element.
 */
public final class HumanTimes {

    static final HumanTimes INSTANCE = new HumanTimes();

    private HumanTimes() {}

    /** {@code 2026-12-07 14:55 UTC}; null for null. */
    public String at(Instant at) {
        return when(at);
    }

    /** {@code 1 hour 30 minutes}; null for null. */
    public String lasting(Duration duration) {
        return duration(duration);
    }

    static String when(Instant at) {
        return TimesForPeople.at(at);
    }

    /** "2 hours 30 minutes", "45 minutes", "1 day 4 hours"; seconds only for less than a minute. */
    static String duration(Duration duration) {
        return TimesForPeople.lasting(duration);
    }
}
