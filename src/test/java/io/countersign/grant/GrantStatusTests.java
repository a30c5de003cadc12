package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GrantStatusTests {

    private static final Instant START = Instant.parse("2030-01-01T10:00:00Z");
    private static final Instant END = Instant.parse("2030-01-01T12:00:00Z");

    @Test
    void aGrantIsScheduledBeforeItsStartActiveUntilItsEndAndExpiredFromThen() {
        assertThat(GrantStatus.at(GrantStatus.SCHEDULED, START, END, START.minusSeconds(1)))
                .isEqualTo(GrantStatus.SCHEDULED);
        assertThat(GrantStatus.at(GrantStatus.SCHEDULED, START, END, START)).isEqualTo(GrantStatus.ACTIVE);
        assertThat(GrantStatus.at(GrantStatus.ACTIVE, START, END, END.minusNanos(1000)))
                .isEqualTo(GrantStatus.ACTIVE);
        assertThat(GrantStatus.at(GrantStatus.ACTIVE, START, END, END)).isEqualTo(GrantStatus.EXPIRED);
    }

    @Test
    void aRevokedGrantStaysRevokedWhateverTheTime() {
        assertThat(GrantStatus.at(GrantStatus.REVOKED, START, END, START)).isEqualTo(GrantStatus.REVOKED);
        assertThat(GrantStatus.at(GrantStatus.REVOKED, START, END, END.plusSeconds(60)))
                .isEqualTo(GrantStatus.REVOKED);
    }

    @Test
    void aGrantStoredAsExpiredReadsExpired() {
        assertThat(GrantStatus.at(GrantStatus.EXPIRED, START, END, END)).isEqualTo(GrantStatus.EXPIRED);
    }
}
