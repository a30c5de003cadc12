package io.countersign.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.countersign.shared.Redacted;

/**
 * A channel as an administrator sends it. Which fields apply depends on {@code type}: Slack {@code
 * botToken, signingSecret, channel?, directMessages, apiBaseUrl?}; Teams and Discord {@code
 * webhookUrl}; Telegram {@code botToken, chatId, webhookSecret, apiBaseUrl?}; another type's field
 * with a value is refused. A replacement is the
 * whole channel: a field it leaves out takes its default, except a secret, which keeps the stored
 * one (a client never reads it back to send it again). {@code isDefault} ({@code default} on the wire) makes the
 * channel tell every request's approvers whatever the policy names.
 */
// what a settings page sends back as it read it: whether a secret is stored says nothing to change
@JsonIgnoreProperties({"botTokenSet", "signingSecretSet", "webhookSecretSet", "webhookUrlSet"})
public record ChatChannelInput(
        String name,
        ChatType type,
        @JsonProperty("default") Boolean isDefault,
        String botToken,
        String signingSecret,
        String channel,
        Boolean directMessages,
        String apiBaseUrl,
        String webhookUrl,
        String chatId,
        String webhookSecret) {

    // a Teams or Discord webhook URL holds its own credential
    @Override
    public String toString() {
        return Redacted.toString(this, "botToken", "signingSecret", "webhookUrl", "webhookSecret");
    }
}
