package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatTestResult;
import io.countersign.chat.ChatType;
import io.countersign.directory.Directory;
import io.countersign.directory.User;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Posts a test message where the channel's notifications go, answering what the platform said. A
 * Slack channel of direct messages writes to people, not to a channel, so its test message is a
 * direct message to whoever asked for it, found by their e-mail as an approver would be.
 */
@Component
public class ChatChannelTest {

    private final List<ChatPlatform> platforms;
    private final Directory directory;

    ChatChannelTest(List<ChatPlatform> platforms, Directory directory) {
        this.platforms = platforms;
        this.directory = directory;
    }

    public ChatTestResult test(ChatChannel channel, String caller) {
        ChatPlatform platform = platforms.stream()
                .filter(p -> p.type() == channel.type())
                .findFirst()
                .orElseThrow();
        ChatPlatform.Recipient person = null;
        if (channel.type() == ChatType.SLACK && channel.directMessages()) {
            Optional<User> user = directory
                    .findUser(caller)
                    .filter(u -> u.email() != null && !u.email().isBlank());
            if (user.isEmpty()) {
                return new ChatTestResult(
                        false,
                        "Slack channel " + channel.name() + " writes direct messages: its test message goes to"
                                + " you, found by your e-mail, and you have none");
            }
            person = new ChatPlatform.Recipient(
                    directory.idOf(caller).orElse(null), caller, user.get().email());
        }
        try {
            ChatPlatform.Posted posted = platform.post(channel, person, TestMessage.of());
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
