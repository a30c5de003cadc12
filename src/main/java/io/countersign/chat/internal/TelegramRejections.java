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
 * to that message (same channel, same chat, same Telegram user) decides. Two bots may share a chat and
 * each numbers its own messages, so the channel is part of what names a prompt; a row held before the
 * channel was kept has none ('') and is matched by chat alone. Kept in the database for an hour, so that
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

    void hold(String channel, String chat, String messageId, String token, String telegramUser) {
        Instant now = clock.instant();
        // a bot numbers the messages of a chat once, so a row for the same message can only be a stale one
        jdbc.sql("""
                        delete from telegram_rejection_prompts where expires_at <= ?
                        or (channel_name in (?, '') and chat_id = ? and message_id = ?)""").params(Timestamps.toDb(now), channel, chat, messageId).update();
        jdbc.sql("""
                        insert into telegram_rejection_prompts
                        (channel_name, chat_id, message_id, telegram_user, token, expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(
                        channel,
                        chat,
                        messageId,
                        telegramUser,
                        cipher.encrypt(token, context(channel, chat, messageId)),
                        Timestamps.toDb(now.plus(PATIENCE)))
                .update();
    }

    /**
     * The rejection the message answered, taken once (the delete decides which of two concurrent
     * replies gets it), when the same Telegram user replied in time.
     */
    Optional<Pending> take(String channel, String chat, String messageId, String telegramUser) {
        Instant now = clock.instant();
        record Held(String channel, String token) {}
        Optional<Held> held = jdbc
                .sql("""
                        select channel_name, token from telegram_rejection_prompts
                        where channel_name in (?, '') and chat_id = ? and message_id = ? and telegram_user = ?
                        and expires_at > ?
                        order by channel_name desc""")
                .params(channel, chat, messageId, telegramUser, Timestamps.toDb(now))
                .query((rs, row) -> new Held(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .findFirst();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        int taken = jdbc.sql("""
                        delete from telegram_rejection_prompts
                        where channel_name = ? and chat_id = ? and message_id = ?""").params(held.get().channel(), chat, messageId).update();
        return taken == 1
                ? Optional.of(new Pending(
                        cipher.decrypt(held.get().token(), context(held.get().channel(), chat, messageId)),
                        telegramUser))
                : Optional.empty();
    }

    /** What a sealed token is bound to; a row held before the channel was kept was sealed without it. */
    private static String context(String channel, String chat, String messageId) {
        return channel.isEmpty()
                ? "telegram_pending_rejections:" + chat + ":" + messageId
                : "telegram_rejection_prompts:" + channel + ":" + chat + ":" + messageId;
    }
}
