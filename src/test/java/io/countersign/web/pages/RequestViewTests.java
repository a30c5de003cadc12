package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.grant.Grant;
import io.countersign.grant.GrantStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** How the pages say when a grant runs, and until when a step may be decided. */
class RequestViewTests {

    private static final Instant NOW = Instant.parse("2026-12-03T10:00:00Z");

    private static Grant grant(GrantStatus status, Instant start, Instant end, Duration firstUse) {
        return new Grant(
                "grt-a", "req-a", "dev", "db", "admin", start, end, status, null, null, null, "usr-a", null, firstUse);
    }

    @Test
    void aScheduledGrantSaysWhenItStarts() {
        Grant later =
                grant(GrantStatus.SCHEDULED, NOW.plus(Duration.ofHours(46)), NOW.plus(Duration.ofHours(47)), null);

        assertThat(RequestView.when(later, NOW))
                .hasToString("from 2026-12-05 08:00 UTC until 2026-12-05 09:00 UTC (starts in 1 day 22 hours)");
    }

    @Test
    void anUnusedGrantSaysItsLengthRatherThanItsClaimWindow() {
        Grant unused = grant(GrantStatus.APPROVED_UNUSED, NOW, NOW.plus(Duration.ofDays(2)), Duration.ofMinutes(30));

        assertThat(RequestView.when(unused, NOW))
                .hasToString("for 30 minutes from its first use, which must come before 2026-12-05 10:00 UTC"
                        + " (2 days left to claim)");
    }

    @Test
    void aGrantInForceSaysHowLongItLasts() {
        Grant active =
                grant(GrantStatus.ACTIVE, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofMinutes(65)), null);

        assertThat(RequestView.when(active, NOW))
                .hasToString("until 2026-12-03 11:05 UTC (1 hour 5 minutes remaining)");
    }

    @Test
    void eachInstantAndDurationKeepsItsExactValueForThePage() {
        Grant active = grant(GrantStatus.ACTIVE, NOW, Instant.parse("2026-12-03T11:05:30.25Z"), null);

        assertThat(RequestView.when(active, NOW).parts())
                .extracting(TimedText.Part::exact)
                .containsExactly(null, "2026-12-03T11:05:30.250Z", null, "PT1H5M30.25S", null, null);
    }

    @Test
    void theTimeLeftToDecideKeepsItsExactValueForThePage() {
        Instant expiry = NOW.plus(Duration.ofHours(23)).plusSeconds(3599);

        assertThat(RequestView.timeLeft(expiry, NOW).parts())
                .extracting(TimedText.Part::exact)
                .containsExactly("PT23H59M59S", null, null, expiry.toString(), null);
    }

    @Test
    void theTimeLeftToDecideSaysUntilWhen() {
        assertThat(RequestView.timeLeft(NOW.plus(Duration.ofMinutes(90)), NOW))
                .hasToString("1 hour 30 minutes remaining (decide by 2026-12-03 11:30 UTC)");
    }

    @Test
    void nothingIsSaidOfTimeLeftWithoutAMomentToDecideBy() {
        assertThat(RequestView.timeLeft(null, NOW)).isNull();
    }
}
