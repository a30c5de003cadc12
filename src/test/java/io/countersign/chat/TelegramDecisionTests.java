package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Approving inside Telegram: a user links their account with a one-time code, approvers get buttons
 * carrying action tokens in a direct chat, and every click or reply that decides nothing is refused,
 * audited and answered.
 */
@ChatTest
class TelegramDecisionTests {

    static final String SECRET = "hook_secret-1";
    static final String SEND = "/botbot-9/sendMessage";
    static final String ANSWER = "/botbot-9/answerCallbackQuery";

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    FakePlatform platform;
    Person dev;
    Person lisa;
    Person mark;
    String channel;
    int updates;

    @BeforeEach
    void start() throws Exception {
        scene.startFresh();
        platform = new FakePlatform();
        platform.answer(SEND, 200, "{\"ok\":true,\"result\":{\"message_id\":77,\"chat\":{\"id\":5001}}}")
                .answer(ANSWER, 200, "{\"ok\":true,\"result\":true}")
                .answer("/botbot-9/editMessageText", 200, "{\"ok\":true,\"result\":{}}");
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        mark = scene.person("mark");
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
                                "bot-9",
                                "chatId",
                                "-100200",
                                "webhookSecret",
                                SECRET,
                                "apiBaseUrl",
                                platform.url())))
                .expect(201);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    private Api.Response update(String secret, Map<String, Object> content) {
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

    private Api.Response write(long from, String text, Long replyTo) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("message_id", 900 + updates);
        message.put("from", Map.of("id", from));
        message.put("chat", Map.of("id", from, "type", "private"));
        message.put("text", text);
        if (replyTo != null) {
            message.put("reply_to_message", Map.of("message_id", replyTo));
        }
        return update(SECRET, Map.of("message", message));
    }

    private Api.Response click(long from, String data) {
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

    private void link(Person person, long telegramUser) {
        String code = api.as(person.token())
                .post("/api/v1/users/" + person.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(201)
                .json()
                .get("code")
                .asString();
        write(telegramUser, "/link " + code, null).expect(200);
        assertThat(lastSent().get("text").asString()).isEqualTo("Linked to Countersign user " + person.name() + ".");
    }

    private String requestFor(Person approver, List<String> allowed) {
        Map<String, Object> first = step(1, approver);
        first.put("notify", List.of(channel));
        if (allowed != null) {
            first.put("allowedDecisionChannels", allowed);
        }
        String id = scene.pending(dev, List.of(first));
        scene.awaitNothingDue();
        return id;
    }

    private JsonNode lastSent() {
        List<FakePlatform.Seen> sent = platform.seen(SEND);
        return sent.get(sent.size() - 1).json();
    }

    /** The last message to this chat: the group's and the direct ones are delivered in no fixed order. */
    private JsonNode lastSentTo(String chat) {
        List<JsonNode> sent = platform.seen(SEND).stream()
                .map(FakePlatform.Seen::json)
                .filter(m -> m.get("chat_id").asString().equals(chat))
                .toList();
        return sent.get(sent.size() - 1);
    }

    private JsonNode lastAnswer() {
        List<FakePlatform.Seen> answers = platform.seen(ANSWER);
        return answers.get(answers.size() - 1).json();
    }

    private String status(String id) {
        return api.asAdmin()
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("status")
                .asString();
    }

    private List<String> refusals() {
        return jdbc.sql("select note from audit_events where action = 'chat.decision_refused' order by id")
                .query(String.class)
                .list();
    }

    /** The buttons of the direct message the approver got: approve data, reject data. */
    private List<String> buttons() {
        JsonNode row =
                lastSentTo("5001").get("reply_markup").get("inline_keyboard").get(0);
        return List.of(
                row.get(0).get("callback_data").asString(),
                row.get(1).get("callback_data").asString());
    }

    @Test
    void aLinkedApproverApprovesWithAButtonAndAReplayedClickIsRefused() {
        link(lisa, 5001);
        String id = requestFor(lisa, null);

        assertThat(lastSentTo("-100200").get("reply_markup").toString()).doesNotContain("callback_data");
        List<String> data = buttons();
        assertThat(data.get(0)).matches("a:[a-z2-7]{32}").doesNotContain(id);
        assertThat(data.get(1)).isEqualTo("r:" + data.get(0).substring(2));

        click(5001, data.get(0)).expect(200);
        assertThat(status(id)).isEqualTo("APPROVED");
        assertThat(lastAnswer().get("text").asString()).isEqualTo("Approved " + id + ".");
        JsonNode decision = api.asAdmin()
                .get("/api/v1/requests/" + id)
                .json()
                .get("decisions")
                .get(0);
        assertThat(decision.get("channel").asString()).isEqualTo("TELEGRAM");
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());

        click(5001, data.get(0)).expect(200);
        assertThat(lastAnswer().get("text").asString()).contains("already used");
        assertThat(lastAnswer().get("show_alert").asBoolean()).isTrue();
        assertThat(refusals()).anyMatch(note -> note.contains("5001") && note.contains("already used"));
    }

    @Test
    void rejectAsksForAReasonAndTheReplyDecides() {
        link(lisa, 5001);
        String id = requestFor(lisa, null);
        String reject = buttons().get(1);

        click(5001, reject).expect(200);
        JsonNode ask = lastSent();
        assertThat(ask.get("text").asString()).contains("Why do you reject " + id);
        assertThat(ask.get("reply_markup").get("force_reply").asBoolean()).isTrue();
        assertThat(status(id)).isEqualTo("PENDING");

        write(5001, "not during the freeze", 77L).expect(200);
        assertThat(status(id)).isEqualTo("REJECTED");
        JsonNode decision = api.asAdmin()
                .get("/api/v1/requests/" + id)
                .json()
                .get("decisions")
                .get(0);
        assertThat(decision.get("comment").asString()).isEqualTo("not during the freeze");
        assertThat(lastSent().get("text").asString()).isEqualTo("Rejected " + id + ".");
    }

    @Test
    void aWrongSecretIsRefusedWithNothingElse() {
        link(lisa, 5001);
        String id = requestFor(lisa, null);
        String approve = buttons().get(0);
        int answers = platform.seen(ANSWER).size();
        int audited = refusals().size();

        update("wrong", Map.of("callback_query", Map.of("id", "x", "from", Map.of("id", 5001), "data", approve)))
                .expect(401);
        api.anonymous()
                .call(HttpMethod.POST, "/chat/telegram/" + channel + "/updates", "{}")
                .expect(401);

        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(platform.seen(ANSWER)).hasSize(answers);
        assertThat(refusals()).hasSize(audited);
    }

    @Test
    void anUnlinkedUserAndANonApproverAreRefusedAuditedAndTold() {
        link(lisa, 5001);
        link(mark, 5002);
        String id = requestFor(lisa, null);
        String approve = buttons().get(0);

        click(5999, approve).expect(200);
        assertThat(lastAnswer().get("text").asString()).contains("not linked");
        click(5002, approve).expect(200);
        assertThat(lastAnswer().get("text").asString()).contains("sent to somebody else");

        assertThat(status(id)).isEqualTo("PENDING");
        assertThat(refusals())
                .anyMatch(note -> note.contains("5999") && note.contains("not linked"))
                .anyMatch(note -> note.contains("5002") && note.contains("somebody else"));
    }

    @Test
    void aStepThatForbidsTelegramGetsALinkOnlyAndAUsedCodeLinksNobody() {
        link(lisa, 5001);
        requestFor(lisa, List.of("WEB"));
        JsonNode keyboard = lastSentTo("5001").get("reply_markup").get("inline_keyboard");
        assertThat(keyboard).hasSize(1);
        assertThat(keyboard.get(0).get(0).has("url")).isTrue();
        assertThat(keyboard.toString()).doesNotContain("callback_data");

        String code = api.as(mark.token())
                .post("/api/v1/users/" + mark.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(201)
                .json()
                .get("code")
                .asString();
        write(5002, "/link " + code, null).expect(200);
        write(5003, "/link " + code, null).expect(200);
        assertThat(lastSent().get("text").asString()).contains("unknown, used or expired");
        assertThat(jdbc.sql("select count(*) from chat_links where external_id = '5003'")
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("select count(*) from chat_link_codes where code_hash = ?")
                        .param(code)
                        .query(Integer.class)
                        .single())
                .isZero();

        api.as(mark.token())
                .post("/api/v1/users/" + lisa.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(404);
        api.as(mark.token())
                .post("/api/v1/users/" + mark.name() + "/chat-links", Api.json(Map.of("type", "SLACK")))
                .expect(400);
    }
}
