package io.countersign.chat;

import io.countersign.chat.internal.ChatChannelStore;
import io.countersign.chat.internal.TelegramWebhook;
import io.countersign.shared.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The updates a Telegram bot's webhook delivers. The channel's webhook secret, which Telegram repeats
 * in {@code X-Telegram-Bot-Api-Secret-Token}, is the only credential: an update without it does
 * nothing at all, not even an audit entry, so that anyone on the internet cannot fill the log.
 */
@Service
public class TelegramUpdates {

    private final ChatChannelStore channels;
    private final TelegramWebhook webhook;
    private final JsonMapper json;

    TelegramUpdates(ChatChannelStore channels, TelegramWebhook webhook, JsonMapper json) {
        this.channels = channels;
        this.webhook = webhook;
        this.json = json;
    }

    /** Handles the update; false, having done nothing, when the secret is not the channel's. */
    public boolean receive(String channelName, String secretToken, String body) {
        Optional<ChatChannel> channel = channels.find(Names.canonical(channelName))
                .filter(c -> c.type() == ChatType.TELEGRAM && c.webhookSecret() != null);
        // compared in constant time; an unknown channel is compared too, against nothing
        byte[] expected = channel.map(c -> c.webhookSecret().getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0]);
        byte[] given = secretToken == null ? new byte[0] : secretToken.getBytes(StandardCharsets.UTF_8);
        if (channel.isEmpty() || !MessageDigest.isEqual(expected, given)) {
            return false;
        }
        JsonNode update;
        try {
            update = json.readTree(body);
        } catch (JacksonException unreadable) {
            return true;
        }
        webhook.handle(channel.get(), update);
        return true;
    }
}
