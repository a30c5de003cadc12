package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A Telegram channel whose Bot API is a {@link FakePlatform}, and Telegram's side of its webhook:
 * updates as Telegram sends them (messages, replies, button clicks) and what the bot said back.
 */
public final class TelegramBot implements AutoCloseable {

    static final String SECRET = "hook_secret-of-the-bot";
    static final String SEND = "/bot9:bot-token/sendMessage";
    static final String ANSWER = "/bot9:bot-token/answerCallbackQuery";

    final FakePlatform platform;
    public final String channel;
    private final Api api;
    private final JdbcClient jdbc;
    private int updates;

    public TelegramBot(Api api, JdbcClient jdbc) throws IOException {
        this.api = api;
        this.jdbc = jdbc;
        platform = new FakePlatform();
        platform.answer(SEND, 200, "{\"ok\":true,\"result\":{\"message_id\":77,\"chat\":{\"id\":5001}}}")
                .answer(ANSWER, 200, "{\"ok\":true,\"result\":true}")
                .answer("/bot9:bot-token/editMessageText", 200, "{\"ok\":true,\"result\":{}}");
        channel = Api.unique("tg");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                channel,
                                "type",
                                "TELEGRAM",
                                "botToken",
                                "9:bot-token",
                                "chatId",
                                "-100200",
                                "webhookSecret",
                                SECRET,
                                "apiBaseUrl",
                                platform.url())))
                .expect(201);
    }

    /**
     * Deletes every Telegram channel, so that no bot could receive a link code; first the policies whose
     * steps name one, since a channel a policy names cannot be deleted.
     */
    public static void removeAll(Api api) {
        List<String> telegram = new ArrayList<>();
        for (JsonNode channel :
                api.asAdmin().get("/api/v1/channels").expect(200).json()) {
            if ("TELEGRAM".equals(channel.get("type").asString())) {
                telegram.add(channel.get("name").asString());
            }
        }
        for (JsonNode policy : api.asAdmin().get("/api/v1/policies").expect(200).json()) {
            boolean namesOne = false;
            for (JsonNode step : policy.path("steps")) {
                for (JsonNode notified : step.path("notify")) {
                    namesOne |= telegram.contains(notified.asString());
                }
            }
            if (namesOne) {
                api.asAdmin()
                        .delete("/api/v1/policies/" + policy.get("name").asString())
                        .expect(204);
            }
        }
        for (String name : telegram) {
            api.asAdmin().delete("/api/v1/channels/" + name).expect(204);
        }
    }

    Api.Response update(String secret, Map<String, Object> content) {
        Map<String, Object> body = new LinkedHashMap<>(content);
        body.put("update_id", ++updates);
        return api.anonymous()
                .call(
                        HttpMethod.POST,
                        "/chat/telegram/" + channel + "/updates",
                        Api.json(body),
                        "X-Telegram-Bot-Api-Secret-Token",
                        secret);
    }

    public Api.Response write(long from, String text, Long replyTo) {
        return write(from, Map.of("id", from, "type", "private"), text, replyTo);
    }

    /** A message {@code from} writes in a group the bot is a member of. */
    Api.Response writeInGroup(long from, long group, String text) {
        return write(from, Map.of("id", group, "type", "supergroup"), text, null);
    }

    private Api.Response write(long from, Map<String, Object> chat, String text, Long replyTo) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", 900 + updates);
        message.put("from", Map.of("id", from));
        message.put("chat", chat);
        message.put("text", text);
        if (replyTo != null) {
            message.put("reply_to_message", Map.of("message_id", replyTo));
        }
        return update(SECRET, Map.of("message", message));
    }

    Api.Response click(long from, String data) {
        return update(
                SECRET,
                Map.of(
                        "callback_query",
                        Map.of(
                                "id",
                                "cb-" + updates,
                                "from",
                                Map.of("id", from),
                                "data",
                                data,
                                "message",
                                Map.of("message_id", 77, "chat", Map.of("id", from)))));
    }

    /** A code the person asks for through the API. */
    String code(Person person) {
        return api.as(person.token())
                .post("/api/v1/users/" + person.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(201)
                .json()
                .get("code")
                .asString();
    }

    void link(Person person, long telegramUser) {
        release(telegramUser);
        write(telegramUser, "/link " + code(person), null).expect(200);
        assertThat(lastSent().get("text").asString()).isEqualTo("Linked to Countersign user " + person.name() + ".");
    }

    /**
     * Unlinks the Telegram account from whoever an earlier test linked it to, as an administrator
     * would: an account links to one user at a time.
     */
    void release(long telegramUser) {
        jdbc.sql("""
                        select u.username from chat_links l join users u on u.id = l.user_id
                        where l.type = 'TELEGRAM' and l.external_id = ?""")
                .param(String.valueOf(telegramUser))
                .query(String.class)
                .optional()
                .ifPresent(holder -> api.asAdmin()
                        .delete("/api/v1/users/" + holder + "/chat-links/telegram-" + telegramUser)
                        .expect(204));
    }

    public JsonNode lastSent() {
        List<FakePlatform.Seen> sent = platform.seen(SEND);
        return sent.get(sent.size() - 1).json();
    }

    /** The last message to this chat: the group's and the direct ones are delivered in no fixed order. */
    JsonNode lastSentTo(String chat) {
        List<JsonNode> sent = platform.seen(SEND).stream()
                .map(FakePlatform.Seen::json)
                .filter(m -> m.get("chat_id").asString().equals(chat))
                .toList();
        return sent.get(sent.size() - 1);
    }

    JsonNode lastAnswer() {
        List<FakePlatform.Seen> answers = platform.seen(ANSWER);
        return answers.get(answers.size() - 1).json();
    }

    /** The buttons of the direct message the approver got: approve data, reject data. */
    List<String> buttons() {
        JsonNode row =
                lastSentTo("5001").get("reply_markup").get("inline_keyboard").get(0);
        return List.of(
                row.get(0).get("callback_data").asString(),
                row.get(1).get("callback_data").asString());
    }

    @Override
    public void close() {
        platform.close();
    }
}
