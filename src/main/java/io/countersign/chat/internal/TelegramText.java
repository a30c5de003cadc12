package io.countersign.chat.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A message's text within Telegram's limits: {@code sendMessage} and {@code editMessageText} take at
 * most 4096 characters, and the Bot API refuses a longer text outright, which for the outbox is final,
 * so the message would be lost. The headline and the link stay whole; the facts share what is left,
 * the longest (a justification, a long list of approvers) cut first, each ending in "…".
 */
final class TelegramText {

    /** Telegram's limits, counted as Java counts a string (UTF-16), as Telegram does. */
    static final int MESSAGE = 4096;

    static final int CALLBACK_ANSWER = 200;

    private static final int HEADLINE = 300;

    private TelegramText() {}

    /** The message as plain text lines: {@code prefix}, the headline, "label: value" per fact, the link. */
    static String of(String prefix, ChatMessage message) {
        String head = prefix + ChatMessage.cut(message.headline(), HEADLINE);
        String link = message.link() == null ? "" : "\n" + message.link();
        List<ChatMessage.Fact> facts = message.facts();
        int fixed = head.length() + link.length();
        for (ChatMessage.Fact fact : facts) {
            fixed += 1 + fact.label().length() + 2;
        }
        int cap = share(facts.stream().mapToInt(f -> f.value().length()).toArray(), MESSAGE - fixed);
        StringBuilder text = new StringBuilder(head);
        for (ChatMessage.Fact fact : facts) {
            text.append('\n').append(fact.label()).append(": ").append(ChatMessage.cut(fact.value(), cap));
        }
        // a last guard, should a configured base address or the labels leave the facts no room at all
        return ChatMessage.cut(text.append(link).toString(), MESSAGE);
    }

    /**
     * The longest a value may be so that all of them fit in {@code room}: values shorter than their
     * share leave the rest to the longer ones.
     */
    static int share(int[] lengths, int room) {
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int left = room;
        for (int i = 0; i < sorted.length; i++) {
            int each = left / (sorted.length - i);
            if (sorted[i] > each) {
                return Math.max(each, 1);
            }
            left -= sorted[i];
        }
        return Integer.MAX_VALUE;
    }
}
