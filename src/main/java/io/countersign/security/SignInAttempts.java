package io.countersign.security;

import io.countersign.directory.Users;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed password sign-ins per username and per client address within a sliding window, so
 * that guessing a password is limited to a few tries per window, and one address trying a password
 * against many usernames is limited as well. The counts are kept in the database, so every instance
 * sharing it enforces the same limits.
 */
@Component
class SignInAttempts {

    private final JdbcClient jdbc;
    private final SignInProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Users users;

    SignInAttempts(
            JdbcClient jdbc, SignInProperties properties, ApplicationEventPublisher events, Clock clock, Users users) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.users = users;
    }

    @Transactional(readOnly = true)
    boolean isLocked(String username) {
        return failuresSince(username, windowStart()) >= properties.maxFailures();
    }

    /** Whether the address has used up its failures; an unknown address (not a web call) never has. */
    @Transactional(readOnly = true)
    boolean isThrottled(String sourceAddress) {
        return sourceAddress != null
                && jdbc.sql("select count(*) from sign_in_failures where source_address = ? and failed_at >= ?")
                                .params(sourceAddress, java.sql.Timestamp.from(windowStart()))
                                .query(Integer.class)
                                .single()
                        >= properties.maxFailuresPerAddress();
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
        jdbc.sql("insert into sign_in_failures (username, failed_at, source_address) values (?, ?, ?)")
                .params(username, java.sql.Timestamp.from(now), sourceAddress)
                .update();
        int failures = failuresSince(username, start);
        if (failures == properties.maxFailures()) {
            events.publishEvent(
                    new SignInLockedOut(SignInActor.of(users.find(username), username, sourceAddress), failures));
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
