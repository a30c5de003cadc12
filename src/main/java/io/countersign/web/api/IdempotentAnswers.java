package io.countersign.web.api;

import io.countersign.shared.Timestamps;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The stored first answers of decisions and extensions sent with an {@code Idempotency-Key}, per user. Each
 * statement commits on its own: the claim must be visible to a concurrent retry before the decision
 * runs, and the decision keeps its own transaction and its own rules about what it commits.
 */
@Component
class IdempotentAnswers {

    /** How long a key is remembered: far longer than any client retries a call. */
    static final Duration RETENTION = Duration.ofHours(24);

    /** A claim without an answer this old belongs to a call that died with its instance. */
    static final Duration ABANDONED = Duration.ofMinutes(2);

    sealed interface Claim {}

    /** The key is new: run the call and {@link #answer} or {@link #release} the key. */
    record Claimed() implements Claim {}

    /** The first answer: its status, body and the {@code Location} of what it created, if it did. */
    record Replay(int status, String contentType, String body, String location) implements Claim {}

    /** The key was used for another call (another path or another body). */
    record Mismatch() implements Claim {}

    /** A call with this key is still running. */
    record Running() implements Claim {}

    private final JdbcClient jdbc;
    private final Clock clock;

    IdempotentAnswers(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Claims the user's key for the call {@code fingerprint} stands for; an earlier claim matches it when
     * it stored that fingerprint or {@code formerFingerprint}, what an earlier version stored for the
     * same call.
     */
    Claim claim(String userId, String key, String fingerprint, String formerFingerprint) {
        Instant now = clock.instant();
        jdbc.sql("delete from idempotent_answers where user_id = ? and created_at < ?")
                .params(userId, Timestamps.toDb(now.minus(RETENTION)))
                .update();
        jdbc.sql("""
                        delete from idempotent_answers
                        where user_id = ? and idempotency_key = ? and status is null and created_at < ?""").params(userId, key, Timestamps.toDb(now.minus(ABANDONED))).update();
        try {
            jdbc.sql("""
                            insert into idempotent_answers (user_id, idempotency_key, fingerprint, created_at)
                            values (?, ?, ?, ?)""").params(userId, key, fingerprint, Timestamps.toDb(now)).update();
            return new Claimed();
        } catch (DuplicateKeyException earlier) {
            return jdbc.sql("""
                            select fingerprint, status, content_type, body, location from idempotent_answers
                            where user_id = ? and idempotency_key = ?""")
                    .params(userId, key)
                    .query((rs, row) -> {
                        String stored = rs.getString("fingerprint");
                        if (!stored.equals(fingerprint) && !stored.equals(formerFingerprint)) {
                            return (Claim) new Mismatch();
                        }
                        int status = rs.getInt("status");
                        return rs.wasNull()
                                ? new Running()
                                : new Replay(
                                        status,
                                        rs.getString("content_type"),
                                        rs.getString("body"),
                                        rs.getString("location"));
                    })
                    .optional()
                    // answered and expired between the two statements: as good as still running
                    .orElseGet(Running::new);
        }
    }

    /** Whether the user's key stands for a decision, answered or still running, within the retention. */
    boolean holds(String userId, String key) {
        return jdbc.sql("""
                        select count(*) from idempotent_answers
                        where user_id = ? and idempotency_key = ? and created_at >= ?""")
                        .params(userId, key, Timestamps.toDb(clock.instant().minus(RETENTION)))
                        .query(Long.class)
                        .single()
                > 0;
    }

    void answer(String userId, String key, int status, String contentType, String body, String location) {
        jdbc.sql("""
                        update idempotent_answers set status = ?, content_type = ?, body = ?, location = ?
                        where user_id = ? and idempotency_key = ?""").params(status, contentType, body, location, userId, key).update();
    }

    /** Forgets a claim whose call failed on the service's side, so that a retry runs it again. */
    void release(String userId, String key) {
        jdbc.sql("delete from idempotent_answers where user_id = ? and idempotency_key = ? and status is null")
                .params(userId, key)
                .update();
    }
}
