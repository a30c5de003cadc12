package io.countersign.chat.internal;

import java.util.List;

/**
 * What a chat message says, before a platform gives it its own format: a headline, labelled facts,
 * the request page, and whether the request is still open (an open one is something to act on).
 */
record ChatMessage(String headline, List<Fact> facts, String link, boolean open, String outcome) {

    record Fact(String label, String value) {}

    /** The message as plain text lines, for platforms' fallback text. */
    String plainText() {
        StringBuilder text = new StringBuilder(headline);
        for (Fact fact : facts) {
            text.append('\n').append(fact.label()).append(": ").append(fact.value());
        }
        return text.append('\n').append(link).toString();
    }
}
