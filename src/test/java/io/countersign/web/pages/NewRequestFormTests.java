package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the request form reads durations and start times as people type them. */
class NewRequestFormTests {

    private static NewRequestForm form(String duration, String start, String startsAt) {
        return new NewRequestForm("db", "admin", duration, start, startsAt, "why", null, "k");
    }

    @Test
    void durationsAreReadAsPeopleWriteThemOrAsIso() {
        assertThat(form("2h", "now", null).toInput().duration()).isEqualTo(Duration.ofHours(2));
        assertThat(form("90m", "now", null).toInput().duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(form(" 1h 30m ", "now", null).toInput().duration()).isEqualTo(Duration.ofMinutes(90));
        assertThat(form("PT45M", "now", null).toInput().duration()).isEqualTo(Duration.ofMinutes(45));
        // days, as the policy editor takes them; the policy's longest access still applies
        assertThat(form("1d", "now", null).toInput().duration()).isEqualTo(Duration.ofDays(1));
        assertThat(form("2d 3h", "now", null).toInput().duration()).isEqualTo(Duration.ofHours(51));
        assertThat(form("", "now", null).toInput().duration()).isNull();
        // read, so that the policy's maximum can say what is allowed
        assertThat(form("99999h", "now", null).toInput().duration()).isEqualTo(Duration.ofHours(99_999));
        assertThat(form("999999999h 999999999m", "now", null).toInput().duration())
                .isEqualTo(Duration.ofHours(999_999_999).plusMinutes(999_999_999));
    }

    @Test
    void anUnreadableDurationOrAMissingLaterStartIsNamed() {
        assertThatThrownBy(() -> form("soon", "now", null).toInput())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues().get(0).field()).isEqualTo("duration"));
        assertThatThrownBy(() -> form("h", "later", " ").toInput())
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues().stream().map(i -> i.field()))
                                .containsExactly("duration", "startsAt"));
    }

    @Test
    void aStartThatIsNeitherNowNorLaterIsNamedNotTakenAsNow() {
        for (String start : new String[] {"bogus", "NOW", "soon"}) {
            assertThatThrownBy(() -> form("1h", start, "2026-12-01T09:30").toInput())
                    .isInstanceOfSatisfying(
                            InvalidInputException.class,
                            e -> assertThat(e.issues().stream().map(i -> i.field()))
                                    .containsExactly("start"));
        }
        assertThat(form("1h", null, null).toInput().startsAt()).isNull();
    }

    @Test
    void aLaterStartIsReadAsUtcAndIgnoredWhenStartingNow() {
        assertThat(form("1h", "later", "2026-12-01T09:30").toInput().startsAt())
                .isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
        assertThat(form("1h", "now", "2026-12-01T09:30").toInput().startsAt()).isNull();
    }
}
