package io.countersign.chat.internal;

import io.countersign.notify.SendResult;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a platform's HTTP answer counts for the outbox: a {@code 429} waits as long as {@code
 * Retry-After} asks, a {@code 5xx} or an unreachable platform is tried again, and any other refusal
 * is final, since sending the same message again cannot change it; so is an address this service does
 * not send to. A platform that could not be reached at all (refused, unknown host, timed out) also
 * pauses the chat channel that called it, as a mail server or webhook endpoint does: each chat channel
 * names its own address (Slack's or Telegram's API or a proxy in front of it, a Teams or Discord
 * webhook URL), so one that cannot be reached holds back its own messages only (docs/adr/0037).
 *
 * <p>What a platform wrote back is never quoted: a proxy's or a webhook's error page may repeat the
 * secret URL it was called at, or the bot token it was sent. A failure says the status, and at most
 * the short error code or sentence a platform's JSON documents ({@link #errorCode}, {@link #description}).
 */
final class PlatformAnswers {

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final Pattern DESCRIPTION = Pattern.compile("[A-Za-z0-9 :;,.'()_-]{1,200}");

    private PlatformAnswers() {}

    /** Null when the answer is a success. */
    static SendResult failure(String platform, ChatHttp.Answer answer) {
        if (answer.refused()) {
            return SendResult.refused(platform + ": " + answer.error());
        }
        if (answer.status() == null) {
            String error = platform + ": " + answer.error();
            return answer.unreachable() ? SendResult.unreachable(error) : SendResult.failed(error);
        }
        if (answer.status() == 429) {
            return SendResult.failed(platform + " answered 429 Too Many Requests", answer.retryAfter())
                    .withStatus(429);
        }
        if (answer.status() >= 500) {
            return SendResult.failed(platform + " answered " + answer.status()).withStatus(answer.status());
        }
        if (answer.status() >= 300) {
            return SendResult.refused(platform + " answered " + answer.status()).withStatus(answer.status());
        }
        return null;
    }

    /** The answer's JSON; empty when it is none, such as a proxy's error page. */
    static Optional<JsonNode> json(JsonMapper json, ChatHttp.Answer answer) {
        try {
            JsonNode body = json.readTree(answer.body() == null ? "" : answer.body());
            return body.isMissingNode() ? Optional.empty() : Optional.of(body);
        } catch (JacksonException notJson) {
            return Optional.empty();
        }
    }

    /** An answer without the JSON the platform documents: tried again, as a proxy's page may pass. */
    static SendResult notJson(String platform) {
        return SendResult.failed(platform + ": the answer was not JSON, such as a proxy's error page");
    }

    /**
     * A platform's documented error code ({@code invalid_auth}, {@code channel_not_found}) when the text
     * is one: a short lower-case word, which cannot hold a URL or a token.
     */
    static Optional<String> errorCode(String text) {
        return text != null && ERROR_CODE.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }

    /**
     * A platform's documented sentence about an error ({@code Bad Request: chat not found}) when the
     * text is one: a short line of words without a slash, so no URL, path or control character; the
     * caller still drops one that repeats the credential it was sent.
     */
    static Optional<String> description(String text) {
        return text != null && DESCRIPTION.matcher(text).matches() ? Optional.of(text) : Optional.empty();
    }
}
