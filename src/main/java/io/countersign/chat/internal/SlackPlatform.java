package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.notify.SendResult;
import io.countersign.shared.Channel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's Web API: {@code chat.postMessage} and {@code chat.update} with Block Kit, and a direct
 * message opened with {@code conversations.open} for the Slack user whose e-mail is the person's
 * ({@code users.lookupByEmail}). Slack answers most errors with {@code 200} and {@code "ok": false}.
 */
@Component
class SlackPlatform implements ChatPlatform {

    private final ChatHttp http;
    private final JsonMapper json;
    private final DecisionTokens tokens;

    SlackPlatform(ChatHttp http, JsonMapper json, DecisionTokens tokens) {
        this.http = http;
        this.json = json;
        this.tokens = tokens;
    }

    @Override
    public ChatType type() {
        return ChatType.SLACK;
    }

    @Override
    public Posted post(ChatChannel channel, Recipient person, ChatMessage message) {
        String conversation = channel.slackChannel();
        if (person != null) {
            Call user = call(channel, "users.lookupByEmail", null, Map.of("email", person.email()));
            if (user.failure() != null) {
                return Posted.failed(user.failure());
            }
            Call opened = call(
                    channel,
                    "conversations.open",
                    Map.of("users", user.body().get("user").get("id").asString()),
                    null);
            if (opened.failure() != null) {
                return Posted.failed(opened.failure());
            }
            conversation = opened.body().get("channel").get("id").asString();
        }
        if (conversation == null) {
            return Posted.failed(
                    SendResult.refused("Slack channel " + channel.name() + " names no channel to post to"));
        }
        // a direct message to an approver carries Approve and Reject buttons holding an action token
        String token = person == null
                ? null
                : tokens.forApprover(message, person.id(), Channel.SLACK, channel.name())
                        .orElse(null);
        Map<String, Object> body = new LinkedHashMap<>(SlackBlocks.of(message, token));
        body.put("channel", conversation);
        Call posted = call(channel, "chat.postMessage", body, null);
        if (posted.failure() != null) {
            return Posted.failed(posted.failure());
        }
        Optional<String> where = PlatformAnswers.address(posted.body().path("channel"));
        Optional<String> ts = PlatformAnswers.address(posted.body().path("ts"));
        if (where.isEmpty() || ts.isEmpty()) {
            return PlatformAnswers.postedWithout(
                    "Slack chat.postMessage", channel.name(), "channel and ts", posted.status());
        }
        return Posted.at(where.get(), ts.get()).answered(posted.status());
    }

    @Override
    public Posted edit(ChatChannel channel, String conversation, String messageId, ChatMessage message) {
        if (Posted.unknown(messageId)) {
            return Posted.notEditable();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", conversation);
        body.put("ts", messageId);
        body.putAll(SlackBlocks.of(message, null));
        Call updated = call(channel, "chat.update", body, null);
        return updated.failure() != null
                ? Posted.failed(updated.failure())
                : Posted.at(conversation, messageId).answered(updated.status());
    }

    record Call(JsonNode body, SendResult failure, Integer status) {

        Call(JsonNode body, SendResult failure) {
            this(body, failure, null);
        }
    }

    /** A JSON body, or a form for the read methods that take no JSON; interactions call through here too. */
    Call call(ChatChannel channel, String method, Map<String, Object> jsonBody, Map<String, String> form) {
        SendResult unreadable = UnreadableCredential.of(channel);
        if (unreadable != null) {
            return new Call(null, unreadable);
        }
        String url = channel.slackApi() + "/" + method;
        Map<String, String> auth = Map.of("Authorization", "Bearer " + channel.botToken());
        ChatHttp.Answer answer = jsonBody != null
                ? http.postJson(url, auth, json.writeValueAsString(jsonBody))
                : http.send("POST", url, auth, Forms.encode(form), "application/x-www-form-urlencoded");
        SendResult failure = PlatformAnswers.failure("Slack " + method, answer);
        Optional<JsonNode> parsed = PlatformAnswers.json(json, answer);
        Optional<String> code = parsed.flatMap(
                said -> PlatformAnswers.errorCode(said.path("error").asString(null), channel.botToken()));
        if (failure != null && failure.permanent() && answer.status() != null && code.isPresent()) {
            return new Call(
                    null,
                    SendResult.refused(failure.error() + ": " + code.get()).withStatus(answer.status()));
        }
        if (failure != null) {
            return new Call(null, failure);
        }
        if (parsed.isEmpty()) {
            return new Call(null, PlatformAnswers.notJson("Slack " + method).withStatus(answer.status()));
        }
        JsonNode body = parsed.get();
        if (!body.path("ok").asBoolean(false)) {
            String error = code.orElse("unknown_error");
            SendResult result = "ratelimited".equals(error)
                    ? SendResult.failed("Slack " + method + ": " + error, answer.retryAfter())
                    : SendResult.refused("Slack " + method + ": " + error);
            return new Call(null, result.withStatus(answer.status()));
        }
        return new Call(body, null, answer.status());
    }
}
