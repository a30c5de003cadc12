package io.countersign.mail.internal.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@CountersignTest
class WatchLeaseTests {

    private static final Duration LEASE = Duration.ofMinutes(2);

    @Autowired
    WatchLease lease;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetTheLease() {
        jdbc.sql("delete from mail_watch_lease").update();
    }

    @Test
    void oneInstanceWatchesAtATimeAndRenewsWhileItWatches() {
        assertThat(lease.acquire("first", LEASE)).isTrue();
        assertThat(lease.acquire("second", LEASE)).isFalse();

        clock.advance(Duration.ofMinutes(1));
        assertThat(lease.acquire("first", LEASE)).isTrue();
        clock.advance(Duration.ofMinutes(1).plusSeconds(30));

        assertThat(lease.acquire("second", LEASE)).isFalse();
    }

    @Test
    void anotherInstanceTakesOverOnceTheLeaseExpired() {
        assertThat(lease.acquire("first", LEASE)).isTrue();

        clock.advance(LEASE.plusSeconds(1));

        assertThat(lease.acquire("second", LEASE)).isTrue();
        assertThat(lease.acquire("first", LEASE)).isFalse();
    }

    @Test
    void aReleasedLeaseIsFreeAtOnce() {
        assertThat(lease.acquire("first", LEASE)).isTrue();

        lease.release("first");

        assertThat(lease.acquire("second", LEASE)).isTrue();
    }
}
