package io.countersign.chat.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Rejections waiting for their reason: the bot asked for it with a ForceReply message, and the reply
 * to that message (same chat, same Telegram user) decides. Kept in memory for an hour: the token is
 * still unused meanwhile, so a rejection lost to a restart is started again with the same button.
 */
@Component
class TelegramRejections {

    static final Duration PATIENCE = Duration.ofHours(1);

    record Pending(String token, String telegramUser, Instant until) {}

    private final Map<String, Pending> waiting = new ConcurrentHashMap<>();
    private final Clock clock;

    TelegramRejections(Clock clock) {
        this.clock = clock;
    }

    void hold(String chat, String messageId, String token, String telegramUser) {
        Instant now = clock.instant();
        waiting.values().removeIf(p -> p.until().isBefore(now));
        waiting.put(chat + ":" + messageId, new Pending(token, telegramUser, now.plus(PATIENCE)));
    }

    /** The rejection the message answered, taken once, when the same Telegram user replied in time. */
    Optional<Pending> take(String chat, String messageId, String telegramUser) {
        String key = chat + ":" + messageId;
        Pending pending = waiting.get(key);
        if (pending == null || !pending.telegramUser().equals(telegramUser) || !waiting.remove(key, pending)) {
            return Optional.empty();
        }
        return pending.until().isBefore(clock.instant()) ? Optional.empty() : Optional.of(pending);
    }
}
