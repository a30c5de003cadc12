package io.countersign.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesForPeopleTests {

    private static final Instant START = Instant.parse("2026-12-07T14:55:40Z");

    @Test
    void aStartAheadSaysWhenAndHowFarAhead() {
        assertThat(TimesForPeople.starts(START, START.minus(Duration.ofMinutes(90))))
                .isEqualTo("2026-12-07 14:55 UTC (in 1 hour 30 minutes)");
    }

    @Test
    void aStartAlreadyPassedSaysThatApprovingStartsTheAccessAtOnce() {
        assertThat(TimesForPeople.starts(START, START.plusSeconds(1)))
                .isEqualTo("2026-12-07 14:55 UTC (passed: approving starts the access at once)");
    }

    @Test
    void aTimeAheadSaysHowFarAheadAndOnePassedHowLongAgo() {
        assertThat(TimesForPeople.relative(START, START.minus(Duration.ofHours(26))))
                .isEqualTo("2026-12-07 14:55 UTC (in 1 day 2 hours)");
        assertThat(TimesForPeople.relative(START, START.plus(Duration.ofMinutes(125))))
                .isEqualTo("2026-12-07 14:55 UTC (2 hours 5 minutes ago)");
    }

    @Test
    void aTimeUnderAMinuteAwayCountsItsSecondsAndOneNowSaysSo() {
        assertThat(TimesForPeople.relative(START, START.minusSeconds(40)))
                .isEqualTo("2026-12-07 14:55 UTC (in 40 seconds)");
        assertThat(TimesForPeople.relative(START, START.plusSeconds(1)))
                .isEqualTo("2026-12-07 14:55 UTC (1 second ago)");
        assertThat(TimesForPeople.relative(START, START.minusMillis(300))).isEqualTo("2026-12-07 14:55 UTC (now)");
        assertThat(TimesForPeople.relative(null, START)).isNull();
    }
}
