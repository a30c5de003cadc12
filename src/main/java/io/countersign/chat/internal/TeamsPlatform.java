package io.countersign.chat.internal;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.notify.SendResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Microsoft Teams through a Workflows (or incoming-webhook) URL: a message whose one attachment is an
 * Adaptive Card. Such a URL can only post, so a decided request gets a new message rather than an
 * edited one. Card text is markdown, so what people wrote is escaped ({@link LiteralMarkdown}).
 */
@Component
class TeamsPlatform implements ChatPlatform {

    private final ChatHttp http;
    private final JsonMapper json;

    TeamsPlatform(ChatHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ChatType type() {
        return ChatType.TEAMS;
    }

    @Override
    public Posted post(ChatChannel channel, Recipient person, ChatMessage message) {
        SendResult unreadable = UnreadableCredential.of(channel);
        if (unreadable != null) {
            return Posted.failed(unreadable);
        }
        ChatHttp.Answer answer =
                http.postJson(channel.webhookUrl(), Map.of(), json.writeValueAsString(card(message, person)));
        SendResult failure = PlatformAnswers.failure("Teams", answer);
        // the webhook answers no id: the message can be neither found nor changed again
        return failure != null
                ? Posted.failed(failure)
                : Posted.at("webhook", "-").answered(answer.status());
    }

    @Override
    public Posted edit(ChatChannel channel, String conversation, String messageId, ChatMessage message) {
        return Posted.notEditable();
    }

    static Map<String, Object> card(ChatMessage message, Recipient person) {
        List<Object> body = new java.util.ArrayList<>();
        if (person != null) {
            body.add(Map.of(
                    "type",
                    "TextBlock",
                    "text",
                    "For " + LiteralMarkdown.of(person.username()),
                    "isSubtle",
                    true,
                    "wrap",
                    true));
        }
        body.add(Map.of(
                "type",
                "TextBlock",
                "text",
                LiteralMarkdown.of(message.headline()),
                "weight",
                "Bolder",
                "size",
                "Medium",
                "wrap",
                true));
        body.add(Map.of(
                "type",
                "FactSet",
                "facts",
                message.facts().stream()
                        .map(f ->
                                Map.of("title", LiteralMarkdown.of(f.label()), "value", LiteralMarkdown.of(f.value())))
                        .toList()));
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        content.put("type", "AdaptiveCard");
        content.put("version", "1.4");
        content.put("body", body);
        if (message.link() != null) {
            content.put(
                    "actions",
                    List.of(Map.of(
                            "type",
                            "Action.OpenUrl",
                            "title",
                            message.open() ? "Open request" : "View request",
                            "url",
                            message.link())));
        }
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", content);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("type", "message");
        envelope.put("attachments", List.of(attachment));
        return envelope;
    }
}
