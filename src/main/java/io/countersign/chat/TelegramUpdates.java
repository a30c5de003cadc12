package io.countersign.chat;

import io.countersign.chat.internal.CallbackRefusals;
import io.countersign.chat.internal.CallbackRefusals.Reason;
import io.countersign.chat.internal.ChatChannelStore;
import io.countersign.chat.internal.TelegramWebhook;
import io.countersign.shared.CountersignException;
import io.countersign.shared.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The updates a Telegram bot's webhook delivers. The channel's webhook secret, which Telegram repeats
 * in {@code X-Telegram-Bot-Api-Secret-Token}, is the only credential: an update without it does
 * nothing; it is answered {@code 401} as any refused call back is, counted, and audited with the
 * reason within a small allowance per channel and reason ({@link CallbackRefusals}), so that anyone on
 * the internet cannot fill the log. An authenticated update is answered {@code 200} whatever it holds:
 * Telegram sends an update again until it is answered {@code 2xx}, so one that decides nothing is told
 * in the chat, never answered with an error; only a fault of the service itself answers {@code 5xx}.
 */
@Service
public class TelegramUpdates {

    private static final Logger log = LoggerFactory.getLogger(TelegramUpdates.class);

    private final ChatChannelStore channels;
    private final TelegramWebhook webhook;
    private final JsonMapper json;
    private final CallbackRefusals refusals;

    TelegramUpdates(ChatChannelStore channels, TelegramWebhook webhook, JsonMapper json, CallbackRefusals refusals) {
        this.channels = channels;
        this.refusals = refusals;
        this.webhook = webhook;
        this.json = json;
    }

    /** Handles the update; refuses it, having done nothing, when the secret is not the channel's. */
    public ChatCallbackAnswer receive(String channelName, String secretToken, String body, String sourceAddress) {
        Optional<ChatChannel> channel = channels.find(Names.canonical(channelName))
                .filter(c -> c.type() == ChatType.TELEGRAM && c.webhookSecret() != null);
        // compared in constant time; an unknown channel is compared too, against nothing
        byte[] expected = channel.map(c -> c.webhookSecret().getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0]);
        byte[] given = secretToken == null ? new byte[0] : secretToken.getBytes(StandardCharsets.UTF_8);
        boolean matches = MessageDigest.isEqual(expected, given);
        if (channel.isEmpty()) {
            return refusals.refuse(
                    ChatType.TELEGRAM, CallbackRefusals.UNKNOWN_CHANNEL, Reason.NO_SUCH_CHANNEL, sourceAddress);
        }
        if (!matches) {
            return refusals.refuse(ChatType.TELEGRAM, channel.get().name(), Reason.WRONG_SECRET_TOKEN, sourceAddress);
        }
        JsonNode update;
        try {
            update = json.readTree(body);
        } catch (JacksonException unreadable) {
            return ChatCallbackAnswer.ok();
        }
        // a click or a message in a chat always has its sender; one without is no Telegram user's
        JsonNode acted = update.has("callback_query") ? update.get("callback_query") : update.path("message");
        if ((update.has("callback_query") || update.has("message"))
                && acted.path("from").path("id").asString("").isBlank()) {
            return refusals.malformed(ChatType.TELEGRAM, channel.get().name(), Reason.NO_USER, sourceAddress);
        }
        try {
            webhook.handle(channel.get(), update);
        } catch (CountersignException refused) {
            // input no rule of the webhook's own foresaw: sent again, it would be refused again, forever
            log.warn(
                    "Telegram channel {}: an update changed nothing: {}",
                    channel.get().name(),
                    refused.getMessage());
        }
        return ChatCallbackAnswer.ok();
    }
}
