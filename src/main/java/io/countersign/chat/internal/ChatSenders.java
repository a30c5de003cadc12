package io.countersign.chat.internal;

import io.countersign.directory.Directory;
import io.countersign.notify.NotificationSender;
import io.countersign.request.Requests;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One notification sender per platform: {@code SLACK}, {@code TEAMS}, {@code DISCORD}, {@code TELEGRAM}. */
@Configuration(proxyBeanMethods = false)
class ChatSenders {

    private final ChatChannelStore channels;
    private final ChatMessages messages;
    private final ChatComposer composer;
    private final Requests requests;
    private final Directory directory;
    private final Clock clock;

    ChatSenders(
            ChatChannelStore channels,
            ChatMessages messages,
            ChatComposer composer,
            Requests requests,
            Directory directory,
            Clock clock) {
        this.channels = channels;
        this.messages = messages;
        this.composer = composer;
        this.requests = requests;
        this.directory = directory;
        this.clock = clock;
    }

    private NotificationSender on(ChatPlatform platform) {
        return new ChatSender(platform, channels, messages, composer, requests, directory, clock);
    }

    @Bean
    NotificationSender slackSender(SlackPlatform platform) {
        return on(platform);
    }

    @Bean
    NotificationSender teamsSender(TeamsPlatform platform) {
        return on(platform);
    }

    @Bean
    NotificationSender discordSender(DiscordPlatform platform) {
        return on(platform);
    }

    @Bean
    NotificationSender telegramSender(TelegramPlatform platform) {
        return on(platform);
    }
}
