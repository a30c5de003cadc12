package io.countersign.security;

import io.countersign.directory.Users;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed password sign-ins per username and per client address within a sliding window, so
 * that guessing a password is limited to a few tries per window, and one address trying a password
 * against many usernames is limited as well. The counts are kept in the database, so every instance
 * sharing it enforces the same limits.
 *
 * <p>A password is counted before it is checked: {@link #begin} writes the try as a failure and commits
 * it, then counts. Of guesses sent at once, each sees at least its own and every one committed before
 * it, so the last of them to commit sees them all: no more tries pass than the limit allows, however
 * many arrive together and on however many instances. A try that proves right, or is refused unchecked,
 * is taken back.
 */
@Component
class SignInAttempts {

    /** Whether a password may be checked, and the try that stands counted as a failure meanwhile. */
    enum Verdict {
        ALLOWED,
        THROTTLED,
        LOCKED
    }

    /** One password about to be checked; counted as a failure until {@link #succeeded} takes it back. */
    record Attempt(String id, String username, Verdict verdict, boolean reachesTheLimit) {}

    private final JdbcClient jdbc;
    private final SignInProperties properties;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Users users;
    private final TransactionTemplate ownTransaction;

    SignInAttempts(
            JdbcClient jdbc,
            SignInProperties properties,
            ApplicationEventPublisher events,
            Clock clock,
            Users users,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
        this.users = users;
        this.ownTransaction = new TransactionTemplate(transactions);
        // committed apart from the caller's work, so that it counts even when that work is rolled back,
        // and is seen by every other try before that try is let through
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Counts a try of {@code username}'s password at the sign-in form from {@code sourceAddress} (null
     * when unknown, which no address limit concerns) and says whether the password may be checked. A
     * refused try is taken back at once, as it checked nothing.
     */
    Attempt begin(String username, String sourceAddress) {
        return begin(username, sourceAddress, true);
    }

    /**
     * As {@link #begin(String, String)}, for a try the address limit does not refuse (a password change
     * by someone already authenticated), though it counts towards it.
     */
    Attempt beginUnlimitedByAddress(String username, String sourceAddress) {
        return begin(username, sourceAddress, false);
    }

    private Attempt begin(String username, String sourceAddress, boolean limitedByAddress) {
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant start = now.minus(properties.lockoutWindow());
        ownTransaction.executeWithoutResult(status -> {
            jdbc.sql("delete from sign_in_failures where failed_at < ?")
                    .param(Timestamp.from(start))
                    .update();
            jdbc.sql("insert into sign_in_failures (username, failed_at, source_address, attempt_id)"
                            + " values (?, ?, ?, ?)")
                    .params(username, Timestamp.from(now), sourceAddress, id)
                    .update();
        });
        // counted after the commit, so that this count sees every try committed before this one's
        Attempt attempt = ownTransaction.execute(status -> {
            if (limitedByAddress
                    && sourceAddress != null
                    && failuresFrom(sourceAddress, start) > properties.maxFailuresPerAddress()) {
                return new Attempt(id, username, Verdict.THROTTLED, false);
            }
            int failures = failuresOf(username, start);
            return failures > properties.maxFailures()
                    ? new Attempt(id, username, Verdict.LOCKED, false)
                    : new Attempt(id, username, Verdict.ALLOWED, failures == properties.maxFailures());
        });
        if (attempt.verdict() != Verdict.ALLOWED) {
            takeBack(attempt);
        }
        return attempt;
    }

    /**
     * The password was wrong: the try stays counted, and the one that reaches the limit is written to
     * the audit trail.
     */
    void failed(Attempt attempt, String sourceAddress) {
        if (attempt.reachesTheLimit()) {
            ownTransaction.executeWithoutResult(status -> events.publishEvent(new SignInLockedOut(
                    SignInActor.of(users.find(attempt.username()), attempt.username(), sourceAddress),
                    properties.maxFailures())));
        }
    }

    /** The password was right: the username's failures are forgiven, this try with them. */
    void succeeded(Attempt attempt) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("delete from sign_in_failures where username = ?")
                .param(attempt.username())
                .update());
    }

    /** The password was right but, as at a password change, forgives nothing else: this try only. */
    void takeBack(Attempt attempt) {
        ownTransaction.executeWithoutResult(
                status -> jdbc.sql("delete from sign_in_failures where username = ? and attempt_id = ?")
                        .params(attempt.username(), attempt.id())
                        .update());
    }

    private int failuresOf(String username, Instant start) {
        return jdbc.sql("select count(*) from sign_in_failures where username = ? and failed_at >= ?")
                .params(username, Timestamp.from(start))
                .query(Integer.class)
                .single();
    }

    private int failuresFrom(String sourceAddress, Instant start) {
        return jdbc.sql("select count(*) from sign_in_failures where source_address = ? and failed_at >= ?")
                .params(sourceAddress, Timestamp.from(start))
                .query(Integer.class)
                .single();
    }
}
