package io.countersign.chat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A channel as the API shows it: every secret replaced by whether one is stored. Fields that do not
 * apply to the type are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChatChannelView(
        String name,
        ChatType type,
        @JsonProperty("default") boolean isDefault,
        String channel,
        Boolean directMessages,
        String chatId,
        String apiBaseUrl,
        Boolean botTokenSet,
        Boolean signingSecretSet,
        Boolean webhookSecretSet,
        Boolean webhookUrlSet) {

    static ChatChannelView of(ChatChannel c) {
        boolean slack = c.type() == ChatType.SLACK;
        boolean telegram = c.type() == ChatType.TELEGRAM;
        boolean hook = c.type() == ChatType.TEAMS || c.type() == ChatType.DISCORD;
        return new ChatChannelView(
                c.name(),
                c.type(),
                c.isDefault(),
                slack ? c.slackChannel() : null,
                slack ? c.directMessages() : null,
                telegram ? c.chatId() : null,
                slack || telegram ? c.apiBaseUrl() : null,
                slack || telegram ? c.botToken() != null : null,
                slack ? c.signingSecret() != null : null,
                telegram ? c.webhookSecret() != null : null,
                hook ? c.webhookUrl() != null : null);
    }
}
