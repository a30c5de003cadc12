package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How every page writes an instant and a duration for people. */
class HumanTimesTests {

    @Test
    void anInstantIsWrittenToTheMinuteInUtc() {
        assertThat(HumanTimes.when(Instant.parse("2026-12-06T14:55:02.764874Z")))
                .isEqualTo("2026-12-06 14:55 UTC");
        assertThat(HumanTimes.when(null)).isNull();
    }

    @Test
    void aDurationIsWrittenInWords() {
        assertThat(HumanTimes.duration(Duration.ofHours(2))).isEqualTo("2 hours");
        assertThat(HumanTimes.duration(Duration.ofMinutes(30))).isEqualTo("30 minutes");
        assertThat(HumanTimes.duration(Duration.ofMinutes(90))).isEqualTo("1 hour 30 minutes");
        assertThat(HumanTimes.duration(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(HumanTimes.duration(Duration.ofHours(28))).isEqualTo("1 day 4 hours");
        assertThat(HumanTimes.duration(Duration.ofSeconds(45))).isEqualTo("45 seconds");
        assertThat(HumanTimes.duration(null)).isNull();
    }

    @Test
    void theTemplatesGetTheSameWords() {
        assertThat(HumanTimes.INSTANCE.at(Instant.parse("2026-12-07T14:55:00Z")))
                .isEqualTo("2026-12-07 14:55 UTC");
        assertThat(HumanTimes.INSTANCE.lasting(Duration.ofHours(1))).isEqualTo("1 hour");
    }
}
