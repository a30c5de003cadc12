package io.countersign.web.pages.admin;

import io.countersign.chat.ChatChannelInput;
import io.countersign.chat.ChatChannelView;
import io.countersign.chat.ChatType;
import io.countersign.shared.Redacted;
import java.util.Arrays;
import java.util.Locale;

/**
 * What the chat channel form sends. Secrets are write-only: the form never holds a stored one, a
 * blank secret field keeps what is stored, and a refused form is shown again without what was typed
 * into them.
 */
public record ChannelForm(
        String name,
        String type,
        Boolean isDefault,
        String botToken,
        String signingSecret,
        String channel,
        Boolean directMessages,
        String apiBaseUrl,
        String webhookUrl,
        String chatId,
        String webhookSecret) {

    static ChannelForm blank() {
        return new ChannelForm(null, null, false, null, null, null, false, null, null, null, null);
    }

    static ChannelForm of(ChatChannelView view) {
        return new ChannelForm(
                view.name(),
                view.type().name(),
                view.isDefault(),
                null,
                null,
                view.channel(),
                Boolean.TRUE.equals(view.directMessages()),
                view.apiBaseUrl(),
                null,
                view.chatId(),
                null);
    }

    ChannelForm withoutSecrets() {
        return new ChannelForm(
                name, type, isDefault, null, null, channel, directMessages, apiBaseUrl, null, chatId, null);
    }

    /** A blank secret is left out, which keeps the stored one; an unknown type is no type. */
    ChatChannelInput toInput() {
        return new ChatChannelInput(
                name,
                typeOrNull(type),
                Boolean.TRUE.equals(isDefault),
                keep(botToken),
                keep(signingSecret),
                channel,
                Boolean.TRUE.equals(directMessages),
                apiBaseUrl,
                keep(webhookUrl),
                chatId,
                keep(webhookSecret));
    }

    private static String keep(String secret) {
        return secret == null || secret.isBlank() ? null : secret;
    }

    private static ChatType typeOrNull(String type) {
        String wanted = type == null ? "" : type.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(ChatType.values())
                .filter(t -> t.name().equals(wanted))
                .findFirst()
                .orElse(null);
    }

    @Override
    public String toString() {
        return Redacted.toString(this, "botToken", "signingSecret", "webhookUrl", "webhookSecret");
    }
}
