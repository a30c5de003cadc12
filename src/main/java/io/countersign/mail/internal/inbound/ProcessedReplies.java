package io.countersign.mail.internal.inbound;

import io.countersign.shared.Timestamps;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The messages already applied or refused, by the key {@link MessageKey} gives them. */
@Component
class ProcessedReplies {

    enum Outcome {
        DECIDED,
        REFUSED,
        AUTOMATIC
    }

    private final JdbcClient jdbc;

    ProcessedReplies(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Which of these keys were processed before; one query for a batch of messages. */
    Set<String> processedAmong(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("select message_key from mail_replies where message_key in (:keys)")
                .param("keys", keys)
                .query(String.class)
                .list());
    }

    /**
     * Claims the message for the current transaction; a second claim of the same key fails with a
     * duplicate key, and on PostgreSQL waits until the first claimer commits or rolls back.
     */
    void claim(String key, Instant now) {
        jdbc.sql("insert into mail_replies (message_key, outcome, processed_at) values (?, ?, ?)")
                .params(key, Outcome.REFUSED.name(), Timestamps.toDb(now))
                .update();
    }

    void settle(String key, String requestId, Outcome outcome, String reason) {
        jdbc.sql("update mail_replies set request_id = ?, outcome = ?, reason = ? where message_key = ?")
                .params(requestId, outcome.name(), reason == null ? null : shortened(reason), key)
                .update();
    }

    private static String shortened(String reason) {
        return reason.length() <= 300 ? reason : reason.substring(0, 299) + "\u2026";
    }
}
