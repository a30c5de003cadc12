package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.RequestApproved;
import io.countersign.shared.Actor;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The rules of grants whose clock starts at their first use, without a database. */
class FirstUseRulesTests {

    private static final Instant APPROVED = Instant.parse("2030-01-01T09:00:00Z");
    private static final Duration ONE_HOUR = Duration.ofHours(1);
    private static final Duration ONE_DAY = Duration.ofDays(1);

    private static RequestApproved approval(Instant requestedStart, Duration claimWindow) {
        return approval(requestedStart, claimWindow, ONE_HOUR);
    }

    private static RequestApproved approval(Instant requestedStart, Duration claimWindow, Duration granted) {
        return new RequestApproved(
                Actor.system(),
                "req-1",
                "dev",
                "db",
                "admin",
                ONE_HOUR,
                requestedStart,
                APPROVED,
                null,
                "usr-1",
                granted,
                null,
                claimWindow,
                "grt-1");
    }

    @Test
    void aFirstUseGrantWaitsUnusedFromApprovalToTheEndOfItsClaimWindow() {
        Grant grant = GrantIssuer.grantFor(approval(null, ONE_DAY));

        assertThat(grant.status()).isEqualTo(GrantStatus.APPROVED_UNUSED);
        assertThat(grant.startsAt()).isEqualTo(APPROVED);
        assertThat(grant.endsAt()).isEqualTo(APPROVED.plus(ONE_DAY));
        assertThat(grant.firstUseDuration()).isEqualTo(ONE_HOUR);
        assertThat(grant.clockStartedAt()).isNull();
        assertThat(grant.awaitsFirstUse()).isTrue();
    }

    @Test
    void aPartialApprovalIsTheDurationTheFirstUseStarts() {
        Duration granted = Duration.ofMinutes(20);
        Grant waiting = GrantIssuer.grantFor(approval(null, ONE_DAY, granted));

        assertThat(waiting.firstUseDuration()).isEqualTo(granted);
        assertThat(waiting.endsAt()).isEqualTo(APPROVED.plus(ONE_DAY));
        Instant firstUse = APPROVED.plus(Duration.ofHours(5));
        assertThat(waiting.startedAt(firstUse).endsAt()).isEqualTo(firstUse.plus(granted));
    }

    @Test
    void withoutAClaimWindowAPartialApprovalEndsTheGrantEarlier() {
        Duration granted = Duration.ofMinutes(20);
        Grant grant = GrantIssuer.grantFor(approval(null, null, granted));

        assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(grant.endsAt()).isEqualTo(APPROVED.plus(granted));
    }

    @Test
    void aRequestedStartOpensTheClaimWindowThen() {
        Instant start = APPROVED.plus(Duration.ofHours(3));
        Grant grant = GrantIssuer.grantFor(approval(start, ONE_DAY));

        assertThat(grant.startsAt()).isEqualTo(start);
        assertThat(grant.endsAt()).isEqualTo(start.plus(ONE_DAY));
        assertThat(GrantStatus.at(grant.status(), grant.startsAt(), grant.endsAt(), APPROVED))
                .isEqualTo(GrantStatus.SCHEDULED);
        assertThat(GrantStatus.at(grant.status(), grant.startsAt(), grant.endsAt(), start))
                .isEqualTo(GrantStatus.APPROVED_UNUSED);
    }

    @Test
    void withoutAClaimWindowTheClockStartsOnApprovalAsBefore() {
        Grant grant = GrantIssuer.grantFor(approval(null, null));

        assertThat(grant.status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(grant.endsAt()).isEqualTo(APPROVED.plus(ONE_HOUR));
        assertThat(grant.firstUseDuration()).isNull();
        assertThat(grant.awaitsFirstUse()).isFalse();
    }

    @Test
    void theFirstUseStartsTheClockForTheGrantsDurationWhateverWasLeftOfTheWindow() {
        Grant waiting = GrantIssuer.grantFor(approval(null, ONE_DAY));
        Instant firstUse = APPROVED.plus(ONE_DAY).minusSeconds(60);

        Grant started = waiting.startedAt(firstUse);

        assertThat(started.status()).isEqualTo(GrantStatus.ACTIVE);
        assertThat(started.clockStartedAt()).isEqualTo(firstUse);
        assertThat(started.startsAt()).isEqualTo(firstUse);
        assertThat(started.endsAt()).isEqualTo(firstUse.plus(ONE_HOUR));
        assertThat(started.awaitsFirstUse()).isFalse();
    }

    @Test
    void anUnusedGrantReadsExpiredOnceItsClaimWindowHasClosed() {
        Grant grant = GrantIssuer.grantFor(approval(null, ONE_DAY));

        assertThat(GrantStatus.at(
                        grant.status(),
                        grant.startsAt(),
                        grant.endsAt(),
                        grant.endsAt().minusNanos(1000)))
                .isEqualTo(GrantStatus.APPROVED_UNUSED);
        assertThat(GrantStatus.at(grant.status(), grant.startsAt(), grant.endsAt(), grant.endsAt()))
                .isEqualTo(GrantStatus.EXPIRED);
        assertThat(GrantStatus.at(GrantStatus.REVOKED, grant.startsAt(), grant.endsAt(), APPROVED))
                .isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void anUnclaimedExpiryIsAuditedWithItsReason() {
        GrantExpired unclaimed = new GrantExpired(
                Actor.system(), "grt-1", "req-1", "dev", "db", "admin", APPROVED, GrantExpired.UNCLAIMED);

        assertThat(unclaimed.reason()).isEqualTo("unclaimed");
        assertThat(unclaimed.note()).contains("never used");
        assertThat(new GrantExpired(Actor.system(), "grt-1", "req-1", "dev", "db", "admin", APPROVED).reason())
                .isNull();
    }
}
