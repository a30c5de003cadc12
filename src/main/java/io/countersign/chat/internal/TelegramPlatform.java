package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.notify.SendResult;
import io.countersign.shared.Channel;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Telegram's Bot API: {@code sendMessage} to the channel's chat with an inline keyboard, and {@code
 * editMessageText} once the request moves on. An approver who linked their Telegram account is written
 * to directly, with Approve and Reject buttons whose callback data carry a single-use action token
 * (never a bare request id) unless the step allows no decision from Telegram. Plain text, no parse
 * mode, so that nothing a requester writes is read as markup, and cut to Telegram's 4096 characters
 * ({@link TelegramText}). A {@code 429} carries its wait in {@code parameters.retry_after}.
 */
@Component
class TelegramPlatform implements ChatPlatform {

    private final ChatHttp http;
    private final JsonMapper json;
    private final ChatLinkStore links;
    private final DecisionTokens tokens;

    TelegramPlatform(ChatHttp http, JsonMapper json, ChatLinkStore links, DecisionTokens tokens) {
        this.http = http;
        this.json = json;
        this.links = links;
        this.tokens = tokens;
    }

    @Override
    public ChatType type() {
        return ChatType.TELEGRAM;
    }

    @Override
    public Posted post(ChatChannel channel, Recipient person, ChatMessage message) {
        Optional<String> direct =
                person == null ? Optional.empty() : links.externalIdOf(ChatType.TELEGRAM, person.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", direct.orElse(channel.chatId()));
        body.putAll(content(message, direct.isPresent() ? null : person));
        direct.flatMap(chat -> tokens.forApprover(message, person.id(), Channel.TELEGRAM, channel.name()))
                .ifPresent(token -> body.put("reply_markup", buttons(message, token)));
        Answered sent = call(channel, "sendMessage", body);
        if (sent.failure() != null) {
            return Posted.failed(sent.failure());
        }
        JsonNode result = sent.body().path("result");
        Optional<String> chat = PlatformAnswers.address(result.path("chat").path("id"));
        Optional<String> id = PlatformAnswers.address(result.path("message_id"));
        if (chat.isEmpty() || id.isEmpty()) {
            return PlatformAnswers.postedWithout(
                    "Telegram sendMessage", channel.name(), "result.chat.id and result.message_id", sent.status());
        }
        return Posted.at(chat.get(), id.get()).answered(sent.status());
    }

    @Override
    public Posted edit(ChatChannel channel, String conversation, String messageId, ChatMessage message) {
        if (Posted.unknown(messageId)) {
            return Posted.notEditable();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("chat_id", conversation);
        body.put("message_id", Long.parseLong(messageId));
        body.putAll(content(message, null));
        Answered edited = call(channel, "editMessageText", body);
        // Telegram refuses an edit that changes nothing: the message already says what it should
        boolean unchanged = edited.failure() != null
                && edited.failure().permanent()
                && edited.failure().error().contains("message is not modified");
        return edited.failure() != null && !unchanged
                ? Posted.failed(edited.failure())
                : Posted.at(conversation, messageId).answered(edited.status());
    }

    private static Map<String, Object> content(ChatMessage message, Recipient person) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", TelegramText.of(person == null ? "" : "For " + person.username() + "\n", message));
        body.put("link_preview_options", Map.of("is_disabled", true));
        if (message.link() != null) {
            body.put(
                    "reply_markup",
                    Map.of(
                            "inline_keyboard",
                            List.of(List.of(Map.of(
                                    "text",
                                    message.open() ? "Open request" : "View request",
                                    "url",
                                    message.link())))));
        }
        return body;
    }

    /** callback_data is at most 64 bytes: a one-letter verb and the 32-character token. */
    private static Map<String, Object> buttons(ChatMessage message, String token) {
        return Map.of(
                "inline_keyboard",
                List.of(
                        List.of(
                                Map.of("text", "Approve", "callback_data", TelegramCallback.APPROVE + token),
                                Map.of("text", "Reject", "callback_data", TelegramCallback.REJECT + token)),
                        List.of(Map.of("text", "Open request", "url", message.link()))));
    }

    record Answered(JsonNode body, SendResult failure, Integer status) {

        Answered(JsonNode body, SendResult failure) {
            this(body, failure, null);
        }
    }

    /** Calls a Bot API method; the bot's own requests (answers to updates) go through here too. */
    Answered call(ChatChannel channel, String method, Map<String, Object> body) {
        SendResult unreadable = UnreadableCredential.of(channel);
        if (unreadable != null) {
            return new Answered(null, unreadable);
        }
        String url = channel.telegramApi() + "/bot" + channel.botToken() + "/" + method;
        ChatHttp.Answer answer = http.postJson(url, Map.of(), json.writeValueAsString(body));
        Optional<JsonNode> parsed = PlatformAnswers.json(json, answer);
        JsonNode said = parsed.orElse(json.missingNode());
        if (answer.status() != null && answer.status() == 429 && answer.retryAfter() == null) {
            long seconds = said.path("parameters").path("retry_after").asLong(0);
            answer = new ChatHttp.Answer(429, answer.body(), Duration.ofSeconds(seconds), null);
        }
        SendResult failure = PlatformAnswers.failure("Telegram " + method, answer);
        if (failure != null && failure.permanent() && answer.status() != null) {
            // Telegram's own words ("Bad Request: chat not found"), never the URL, which holds the token;
            // nor a body without them, which a proxy in front may have filled with that URL, nor words
            // that repeat the token or a piece of it or hold an address or control characters, as a
            // proxy imitating Telegram's answer might
            String description = PlatformAnswers.description(
                            said.path("description").asString("").strip(), channel.botToken())
                    .orElse("");
            return new Answered(
                    null,
                    SendResult.refused(
                                    description.isEmpty()
                                            ? "Telegram " + method + " answered " + answer.status()
                                            : "Telegram " + method + ": " + answer.status() + " " + description)
                            .withStatus(answer.status()));
        }
        if (failure == null && parsed.isEmpty()) {
            failure = PlatformAnswers.notJson("Telegram " + method).withStatus(answer.status());
        }
        return failure != null ? new Answered(null, failure) : new Answered(said, null, answer.status());
    }
}
