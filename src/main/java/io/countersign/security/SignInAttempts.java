package io.countersign.security;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed password sign-ins per username within a sliding window, so that guessing a password
 * is limited to a few tries per window. The count is kept in the database, so every instance sharing
 * it enforces the same limit.
 */
@Component
class SignInAttempts {

    private final JdbcClient jdbc;
    private final SignInProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SignInAttempts(JdbcClient jdbc, SignInProperties properties, ApplicationEventPublisher events, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    boolean isLocked(String username) {
        return failuresSince(username, windowStart()) >= properties.maxFailures();
    }

    /**
     * Records one failure; the failure that reaches the limit is written to the audit trail. In a
     * transaction of its own, so that it counts even when the caller's change is rolled back for it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void recordFailure(String username, String sourceAddress) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant start = windowStart();
        jdbc.sql("delete from sign_in_failures where failed_at < ?")
                .param(java.sql.Timestamp.from(start))
                .update();
        jdbc.sql("insert into sign_in_failures (username, failed_at) values (?, ?)")
                .params(username, java.sql.Timestamp.from(now))
                .update();
        int failures = failuresSince(username, start);
        if (failures == properties.maxFailures()) {
            events.publishEvent(new SignInLockedOut(username, failures, sourceAddress));
        }
    }

    @Transactional
    void clear(String username) {
        jdbc.sql("delete from sign_in_failures where username = ?")
                .param(username)
                .update();
    }

    private int failuresSince(String username, Instant start) {
        return jdbc.sql("select count(*) from sign_in_failures where username = ? and failed_at >= ?")
                .params(username, java.sql.Timestamp.from(start))
                .query(Integer.class)
                .single();
    }

    private Instant windowStart() {
        return clock.instant().minus(properties.lockoutWindow());
    }
}
