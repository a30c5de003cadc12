package io.countersign.chat.internal;

import io.countersign.request.RequestStep;
import java.util.List;

/**
 * What a chat message says, before a platform gives it its own format: a headline, labelled facts,
 * the request page (null for a message about no request, which then has no button to it), the step
 * it asks about, and whether the request is still open (an open one is something to act on).
 */
record ChatMessage(String headline, List<Fact> facts, String link, boolean open, String outcome, Ask ask) {

    record Fact(String label, String value) {}

    /** The open step an approver may decide from the message itself, where the platform and policy allow. */
    record Ask(String requestId, RequestStep step) {}

    /** At most {@code max} characters, ending in "…" when cut, never in half a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max - 1;
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
