package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The write path and the timers read what a {@link FreshCache} keeps: a fence the bounded calls will
 * not send, because the database answered one of them too late a moment ago, makes the cache read
 * the database, as it does whenever no fence vouches for it, instead of failing the caller.
 */
@CountersignTest
@OnPostgres
class FreshCacheOnPostgresTests {

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DedicatedPools pools;

    @Autowired
    CommitWrites commitWrites;

    private DatabaseNotifications notifications;
    private BoundedDatabaseCalls calls;
    private FreshCache<String, Long> cache;

    @BeforeEach
    void listen() {
        notifications = new DatabaseNotifications(environment, pools, commitWrites);
        DatabaseCallProperties properties =
                new DatabaseCallProperties(Duration.ofMillis(50), 2, 4, Duration.ofMinutes(1));
        calls = new BoundedDatabaseCalls(properties);
        NotificationFence fence =
                new NotificationFence(notifications, jdbc, calls, properties, new SimpleMeterRegistry());
        cache = new FreshCache<>(new SharedCache<>("fresh_cache_probe", Duration.ofMinutes(1), notifications), fence);
        notifications.start();
        await().atMost(Duration.ofSeconds(10)).until(notifications::listening);
    }

    @AfterEach
    void stop() {
        notifications.stop();
        calls.destroy();
    }

    @Test
    void aDatabaseThatAnsweredABoundedCallTooLateIsReadInsteadOfFailingTheCaller() {
        // an access check whose query the database answered after the bound: the next minute's bounded
        // calls, fences included, are refused at once
        assertThatThrownBy(() -> calls.call(() ->
                        jdbc.sql("select pg_sleep(1)").query((rs, row) -> 1).list()))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("did not answer within 50 ms");

        Long read = cache.get(
                "count",
                key -> jdbc.sql("select count(*) from users").query(Long.class).single());

        assertThat(read).isNotNull();
    }
}
