package io.countersign.chat.internal;

import io.countersign.request.RequestStep;
import java.util.List;

/**
 * What a chat message says, before a platform gives it its own format: a headline, labelled facts,
 * the request page, the step it asks about, and whether the request is still open (an open one is something to act on).
 */
record ChatMessage(String headline, List<Fact> facts, String link, boolean open, String outcome, Ask ask) {

    record Fact(String label, String value) {}

    /** The open step an approver may decide from the message itself, where the platform and policy allow. */
    record Ask(String requestId, RequestStep step) {}

    /** The message as plain text lines, for platforms' fallback text. */
    String plainText() {
        StringBuilder text = new StringBuilder(headline);
        for (Fact fact : facts) {
            text.append('\n').append(fact.label()).append(": ").append(fact.value());
        }
        return text.append('\n').append(link).toString();
    }
}
