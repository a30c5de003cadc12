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
 * Discord through a channel webhook: an embed, posted with {@code ?wait=true} so that Discord answers
 * the message and its id, which {@code PATCH …/messages/{id}} later edits. Mentions are switched off:
 * a justification must not ping anybody; and what people wrote is escaped ({@link LiteralMarkdown}),
 * so that it cannot be a masked link or a header either.
 */
@Component
class DiscordPlatform implements ChatPlatform {

    private static final int OPEN = 0xF2A900;
    private static final int CLOSED = 0x808080;

    private final ChatHttp http;
    private final JsonMapper json;

    DiscordPlatform(ChatHttp http, JsonMapper json) {
        this.http = http;
        this.json = json;
    }

    @Override
    public ChatType type() {
        return ChatType.DISCORD;
    }

    @Override
    public Posted post(ChatChannel channel, Recipient person, ChatMessage message) {
        SendResult unreadable = UnreadableCredential.of(channel);
        if (unreadable != null) {
            return Posted.failed(unreadable);
        }
        ChatHttp.Answer answer = http.postJson(
                withQuery(channel.webhookUrl(), "", "wait=true"),
                Map.of(),
                json.writeValueAsString(body(message, person)));
        SendResult failure = PlatformAnswers.failure("Discord", answer);
        return failure != null
                ? Posted.failed(failure)
                : Posted.at(
                                "webhook",
                                PlatformAnswers.json(json, answer)
                                        .map(body -> body.path("id").asString("-"))
                                        .orElse("-"))
                        .answered(answer.status());
    }

    @Override
    public Posted edit(ChatChannel channel, String conversation, String messageId, ChatMessage message) {
        if (Posted.unknown(messageId)) {
            return Posted.notEditable();
        }
        SendResult unreadable = UnreadableCredential.of(channel);
        if (unreadable != null) {
            return Posted.failed(unreadable);
        }
        ChatHttp.Answer answer = http.send(
                "PATCH",
                withQuery(channel.webhookUrl(), "/messages/" + messageId, null),
                Map.of(),
                json.writeValueAsString(body(message, null)),
                "application/json; charset=utf-8");
        SendResult failure = PlatformAnswers.failure("Discord", answer);
        return failure != null
                ? Posted.failed(failure)
                : Posted.at(conversation, messageId).answered(answer.status());
    }

    /** The webhook URL with a path appended and a query added, wherever its own query is. */
    static String withQuery(String url, String path, String query) {
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        String own = q < 0 ? null : url.substring(q + 1);
        String joined = own == null ? query : query == null ? own : own + "&" + query;
        return base.replaceAll("/+$", "") + path + (joined == null ? "" : "?" + joined);
    }

    static Map<String, Object> body(ChatMessage message, Recipient person) {
        Map<String, Object> embed = new LinkedHashMap<>();
        embed.put("title", cut(message.headline(), 256));
        if (message.link() != null) {
            embed.put("url", message.link());
        }
        embed.put("color", message.open() ? OPEN : CLOSED);
        embed.put(
                "fields",
                message.facts().stream()
                        .limit(25)
                        .map(f -> Map.of("name", cut(f.label(), 256), "value", cut(f.value(), 1024), "inline", true))
                        .toList());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("content", person == null ? "" : "For " + LiteralMarkdown.of(person.username()));
        body.put("embeds", List.of(embed));
        body.put("allowed_mentions", Map.of("parse", List.of()));
        return body;
    }

    private static String cut(String text, int max) {
        return LiteralMarkdown.cut(LiteralMarkdown.of(text), max);
    }
}
