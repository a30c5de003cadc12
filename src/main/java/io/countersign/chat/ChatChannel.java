package io.countersign.chat;

/**
 * A configured channel with its secrets in clear, for the senders; never returned by the API (see
 * {@link ChatChannelView}). Fields that do not apply to the type are null.
 */
public record ChatChannel(
        String name,
        ChatType type,
        boolean isDefault,
        String slackChannel,
        boolean directMessages,
        String chatId,
        String apiBaseUrl,
        String botToken,
        String signingSecret,
        String webhookSecret,
        String webhookUrl) {

    /**
     * Where the channel's messages go: the API it calls (Slack's or Telegram's, or the proxy {@code
     * apiBaseUrl} names) or its own webhook URL (Teams, Discord). A credential for the latter: never
     * shown or logged.
     */
    public String address() {
        return switch (type) {
            case SLACK -> slackApi();
            case TELEGRAM -> telegramApi();
            case TEAMS, DISCORD -> webhookUrl;
        };
    }

    /** Slack's Web API unless the administrator points elsewhere (a proxy, a test). */
    public String slackApi() {
        return base(apiBaseUrl, "https://slack.com/api");
    }

    /** Telegram's Bot API unless the administrator points elsewhere. */
    public String telegramApi() {
        return base(apiBaseUrl, "https://api.telegram.org");
    }

    private static String base(String configured, String fallback) {
        return (configured == null || configured.isBlank() ? fallback : configured).replaceAll("/+$", "");
    }
}
