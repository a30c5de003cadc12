package io.countersign.chat.internal;

import java.util.List;

/** What "send a test message" posts: it asks nothing of anybody, and is about no request to open. */
final class TestMessage {

    private TestMessage() {}

    static ChatMessage of() {
        return new ChatMessage(
                "Countersign test message",
                List.of(new ChatMessage.Fact("Result", "this channel can post messages")),
                null,
                false,
                "test",
                null);
    }
}
