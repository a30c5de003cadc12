package io.countersign.chat.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * How often the bot answers refusals in one chat: at most {@link #PER_WINDOW} a minute, enough for a
 * person who mistyped a code and tries again, too few for a stranger to make the bot write to a group
 * (or to them) at their own pace. The chats are Telegram's, chosen by whoever writes, so the map
 * forgets chats quiet for a minute and, should it still hold {@link #MAX_CHATS}, answers nobody new
 * until it empties: keeping quiet is the safe side of this.
 */
final class ReplyAllowance {

    static final int PER_WINDOW = 3;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_CHATS = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> replies = new HashMap<>();

    ReplyAllowance(Clock clock) {
        this.clock = clock;
    }

    /** Whether the bot may answer in this chat now; counts the answer when it may. */
    synchronized boolean admit(String channel, String chat) {
        Instant now = clock.instant();
        Instant since = now.minus(WINDOW);
        String key = channel + "\n" + chat;
        if (!replies.containsKey(key) && replies.size() >= MAX_CHATS) {
            replies.values().removeIf(sent -> sent.isEmpty() || !sent.peekLast().isAfter(since));
            if (replies.size() >= MAX_CHATS) {
                return false;
            }
        }
        Deque<Instant> sent = replies.computeIfAbsent(key, k -> new ArrayDeque<>());
        while (!sent.isEmpty() && !sent.peekFirst().isAfter(since)) {
            sent.pollFirst();
        }
        if (sent.size() >= PER_WINDOW) {
            return false;
        }
        sent.addLast(now);
        return true;
    }
}
