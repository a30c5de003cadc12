package io.countersign.chat.internal;

import io.countersign.shared.Timestamps;
import io.countersign.shared.secrets.SecretCipher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Rejections waiting for their reason: the bot asked for it with a ForceReply message, and the reply
 * to that message (same chat, same Telegram user) decides. Kept in the database for an hour, so that
 * a restart loses none and whichever instance Telegram's next call reaches finds it. The action token
 * is sealed under a context naming the chat and message; expired rows go as new ones are held.
 */
@Component
class TelegramRejections {

    static final Duration PATIENCE = Duration.ofHours(1);

    record Pending(String token, String telegramUser) {}

    private final JdbcClient jdbc;
    private final SecretCipher cipher;
    private final Clock clock;

    TelegramRejections(JdbcClient jdbc, SecretCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
    }

    void hold(String chat, String messageId, String token, String telegramUser) {
        Instant now = clock.instant();
        // Telegram numbers messages once per chat, so a row for the same message can only be a stale one
        jdbc.sql("delete from telegram_pending_rejections where expires_at <= ? or (chat_id = ? and message_id = ?)")
                .params(Timestamps.toDb(now), chat, messageId)
                .update();
        jdbc.sql("""
                        insert into telegram_pending_rejections (chat_id, message_id, telegram_user, token, expires_at)
                        values (?, ?, ?, ?, ?)""")
                .params(
                        chat,
                        messageId,
                        telegramUser,
                        cipher.encrypt(token, context(chat, messageId)),
                        Timestamps.toDb(now.plus(PATIENCE)))
                .update();
    }

    /**
     * The rejection the message answered, taken once (the delete decides which of two concurrent
     * replies gets it), when the same Telegram user replied in time.
     */
    Optional<Pending> take(String chat, String messageId, String telegramUser) {
        Instant now = clock.instant();
        Optional<String> sealed = jdbc.sql("""
                        select token from telegram_pending_rejections
                        where chat_id = ? and message_id = ? and telegram_user = ? and expires_at > ?""")
                .params(chat, messageId, telegramUser, Timestamps.toDb(now))
                .query(String.class)
                .optional();
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        int taken = jdbc.sql("delete from telegram_pending_rejections where chat_id = ? and message_id = ?")
                .params(chat, messageId)
                .update();
        return taken == 1
                ? Optional.of(new Pending(cipher.decrypt(sealed.get(), context(chat, messageId)), telegramUser))
                : Optional.empty();
    }

    private static String context(String chat, String messageId) {
        return "telegram_pending_rejections:" + chat + ":" + messageId;
    }
}
