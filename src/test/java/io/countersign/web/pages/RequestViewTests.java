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
                .isEqualTo("from 2026-12-05T08:00:00Z until 2026-12-05T09:00:00Z (starts in 46h 00m)");
    }

    @Test
    void anUnusedGrantSaysItsLengthRatherThanItsClaimWindow() {
        Grant unused = grant(GrantStatus.APPROVED_UNUSED, NOW, NOW.plus(Duration.ofDays(2)), Duration.ofMinutes(30));

        assertThat(RequestView.when(unused, NOW))
                .startsWith("for PT30M from its first use, which must come before 2026-12-05T10:00:00Z")
                .endsWith("(48h 00m left to claim)");
    }

    @Test
    void aGrantInForceSaysHowLongItLasts() {
        Grant active =
                grant(GrantStatus.ACTIVE, NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofMinutes(65)), null);

        assertThat(RequestView.when(active, NOW)).isEqualTo("until 2026-12-03T11:05:00Z (1h 05m remaining)");
    }

    @Test
    void aStepWithoutADeadlineMayBeDecidedUntilTheRequestExpires() {
        Instant expiry = NOW.plus(Duration.ofHours(24));

        assertThat(RequestView.timeLeft(null, expiry, NOW))
                .isEqualTo("24h 00m remaining (decide by 2026-12-04 10:00 UTC)");
    }

    @Test
    void theEarlierOfTheStepDeadlineAndTheRequestExpiryIsShown() {
        Instant soon = NOW.plus(Duration.ofMinutes(90));
        Instant later = NOW.plus(Duration.ofHours(24));

        assertThat(RequestView.timeLeft(soon, later, NOW))
                .isEqualTo("1h 30m remaining (decide by 2026-12-03 11:30 UTC)");
        assertThat(RequestView.timeLeft(later, soon, NOW))
                .isEqualTo("1h 30m remaining (decide by 2026-12-03 11:30 UTC)");
        assertThat(RequestView.timeLeft(null, null, NOW)).isNull();
    }
}
