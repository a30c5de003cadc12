package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatTestResult;
import java.util.List;
import org.springframework.stereotype.Component;

/** Posts a test message where the channel's notifications go, answering what the platform said. */
@Component
public class ChatChannelTest {

    private final List<ChatPlatform> platforms;

    ChatChannelTest(List<ChatPlatform> platforms) {
        this.platforms = platforms;
    }

    public ChatTestResult test(ChatChannel channel) {
        ChatPlatform platform = platforms.stream()
                .filter(p -> p.type() == channel.type())
                .findFirst()
                .orElseThrow();
        try {
            ChatPlatform.Posted posted = platform.post(channel, null, TestMessage.of());
            return posted.ok()
                    ? new ChatTestResult(true, null)
                    : new ChatTestResult(false, posted.failure().error());
        } catch (RuntimeException e) {
            // an answer that was not what the platform documents, such as a proxy's HTML page
            return new ChatTestResult(
                    false, channel.type().name() + ": the platform's answer was not what it documents");
        }
    }
}
