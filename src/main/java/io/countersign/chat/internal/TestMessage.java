package io.countersign.chat.internal;

import java.util.List;

/** What "send a test message" posts: it asks nothing of anybody. */
final class TestMessage {

    private TestMessage() {}

    static ChatMessage of(String baseLink) {
        return new ChatMessage(
                "Countersign test message",
                List.of(new ChatMessage.Fact("Result", "this channel can post messages")),
                baseLink,
                false,
                "test",
                null);
    }
}
