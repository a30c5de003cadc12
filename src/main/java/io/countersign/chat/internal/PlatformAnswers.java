package io.countersign.chat.internal;

import io.countersign.notify.SendResult;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How a platform's HTTP answer counts for the outbox: a {@code 429} waits as long as {@code
 * Retry-After} asks, a {@code 5xx}, an unreachable platform or a success whose answer is longer than any
 * platform documents ({@link ChatHttp#MAX_ANSWER_BYTES}) is tried again, and any other refusal
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

    private static final Logger LOG = LoggerFactory.getLogger(PlatformAnswers.class);

    /** As long as a stored message's conversation and id may be. */
    private static final int MAX_ADDRESS = 200;

    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,64}");
    private static final Pattern DESCRIPTION = Pattern.compile("[A-Za-z0-9 :;,.'()_-]{1,200}");

    /** Words sharing this many characters in a row with the credential may be quoting a piece of it. */
    static final int FRAGMENT = 8;

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
        if (answer.error() != null) {
            // a success too long to read, say: tried again, as an answer that is not JSON is
            return SendResult.failed(platform + ": " + answer.error()).withStatus(answer.status());
        }
        return null;
    }

    /** A string or whole number the platform answered, such as a message's id; empty when it is none. */
    static Optional<String> address(JsonNode node) {
        if (!node.isString() && !node.isIntegralNumber()) {
            return Optional.empty();
        }
        String value = node.asString();
        return value.isBlank() || value.length() > MAX_ADDRESS ? Optional.empty() : Optional.of(value);
    }

    /**
     * A post the platform accepted without saying where the message went. It was posted, so it counts
     * as delivered and is never posted again; it just cannot be changed once the request moves on. What
     * the answer said is not logged: it is the platform's, or a proxy's, and may repeat a credential.
     */
    static ChatPlatform.Posted postedWithout(String call, String channel, String missing, Integer status) {
        LOG.warn(
                "{} for chat channel {} answered {} without {}: the message is posted but will not be changed"
                        + " when the request moves on",
                call,
                channel,
                status,
                missing);
        return ChatPlatform.Posted.somewhere().answered(status);
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
     * is one: a short lower-case word, which cannot hold a URL, and none that repeats a piece of the
     * credential the call was sent ({@link #repeats}).
     */
    static Optional<String> errorCode(String text, String credential) {
        return text != null && ERROR_CODE.matcher(text).matches() && !repeats(text, credential)
                ? Optional.of(text)
                : Optional.empty();
    }

    /**
     * A platform's documented sentence about an error ({@code Bad Request: chat not found}) when the
     * text is one: a short line of words without a slash, so no URL, path or control character, and
     * none that repeats a piece of the credential the call was sent ({@link #repeats}).
     */
    static Optional<String> description(String text, String credential) {
        return text != null && DESCRIPTION.matcher(text).matches() && !repeats(text, credential)
                ? Optional.of(text)
                : Optional.empty();
    }

    /**
     * Whether the text holds the credential, its secret part (what follows the colon of a Telegram bot
     * token, the public bot id before it being no secret), or any {@value #FRAGMENT} characters in a row
     * of either, whatever their case: a proxy or a platform that echoes a token, or cuts it, or
     * upper-cases it, must not get it into a delivery's error, the audit log or the service log.
     */
    static boolean repeats(String text, String credential) {
        if (credential == null || credential.isEmpty()) {
            return false;
        }
        String said = text.toLowerCase(Locale.ROOT);
        String secret = credential.toLowerCase(Locale.ROOT);
        String afterColon = secret.substring(secret.indexOf(':') + 1);
        return holdsAPieceOf(said, secret) || (!afterColon.isEmpty() && holdsAPieceOf(said, afterColon));
    }

    private static boolean holdsAPieceOf(String said, String secret) {
        int length = Math.min(FRAGMENT, secret.length());
        for (int start = 0; start + length <= secret.length(); start++) {
            if (said.contains(secret.substring(start, start + length))) {
                return true;
            }
        }
        return false;
    }
}
