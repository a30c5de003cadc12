package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.shared.Timestamps;
import io.countersign.testing.Api;
import io.countersign.testing.AuditNotes;
import io.countersign.testing.MutableClock;
import java.time.Duration;
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

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditNotes audit;

    @Autowired
    MutableClock clock;

    TelegramBot bot;
    Person dev;
    Person lisa;
    Person mark;

    @BeforeEach
    void start() throws Exception {
        scene.startFresh();
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        mark = scene.person("mark");
        bot = new TelegramBot(api, jdbc);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private String requestFor(Person approver, List<String> allowed) {
        Map<String, Object> first = step(1, approver);
        first.put("notify", List.of(bot.channel));
        if (allowed != null) {
            first.put("allowedDecisionChannels", allowed);
        }
        String id = scene.pending(dev, List.of(first));
        scene.awaitNothingDue();
        return id;
    }

    private List<String> refusals() {
        return audit.of("chat.decision_refused");
    }

    @Test
    void aLinkedApproverApprovesWithAButtonAndAReplayedClickIsRefused() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);

        assertThat(bot.lastSentTo("-100200").get("reply_markup").toString()).doesNotContain("callback_data");
        List<String> data = bot.buttons();
        assertThat(data.get(0)).matches("a:[a-z2-7]{32}").doesNotContain(id);
        assertThat(data.get(1)).isEqualTo("r:" + data.get(0).substring(2));

        bot.click(5001, data.get(0)).expect(200);
        assertThat(api.status(id)).isEqualTo("APPROVED");
        assertThat(bot.lastAnswer().get("text").asString()).isEqualTo("Approved " + id + ".");
        JsonNode decision = api.asAdmin()
                .get("/api/v1/requests/" + id)
                .json()
                .get("decisions")
                .get(0);
        assertThat(decision.get("channel").asString()).isEqualTo("TELEGRAM");
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());

        bot.click(5001, data.get(0)).expect(200);
        assertThat(bot.lastAnswer().get("text").asString()).contains("already used");
        assertThat(bot.lastAnswer().get("show_alert").asBoolean()).isTrue();
        assertThat(refusals()).anyMatch(note -> note.contains("5001") && note.contains("already used"));
        assertThat(jdbc.sql("select action, source_address from audit_events where request_id = ?"
                                + " and action in ('chat.decision_refused', 'request.approval_recorded') order by id")
                        .param(id)
                        .query((row, n) -> row.getString(1) + " " + row.getString(2))
                        .list())
                .as("the refusal comes from the Telegram account the decision came from")
                .containsExactly("request.approval_recorded telegram:5001", "chat.decision_refused telegram:5001");
    }

    @Test
    void rejectAsksForAReasonAndTheReplyDecides() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);
        String reject = bot.buttons().get(1);

        bot.click(5001, reject).expect(200);
        JsonNode ask = bot.lastSent();
        assertThat(ask.get("text").asString()).contains("Why do you reject " + id);
        assertThat(ask.get("reply_markup").get("force_reply").asBoolean()).isTrue();
        assertThat(api.status(id)).isEqualTo("PENDING");

        bot.write(5001, "not during the freeze", 77L).expect(200);
        assertThat(api.status(id)).isEqualTo("REJECTED");
        JsonNode decision = api.asAdmin()
                .get("/api/v1/requests/" + id)
                .json()
                .get("decisions")
                .get(0);
        assertThat(decision.get("comment").asString()).isEqualTo("not during the freeze");
        assertThat(bot.lastSent().get("text").asString()).isEqualTo("Rejected " + id + ".");
    }

    @Test
    void aReasonThatBreaksTheRulesOfEveryCommentIsExplainedInTheChatAndDecidesNothing() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);
        String reject = bot.buttons().get(1);

        bot.click(5001, reject).expect(200);
        bot.write(5001, "x".repeat(2001), 77L).expect(200);
        assertThat(bot.lastSent().get("text").asString())
                .isEqualTo("Not rejected: the reason must be at most 2000 characters. Press Reject again.");
        bot.click(5001, reject).expect(200);
        bot.write(5001, "see INC-\u202E321", 77L).expect(200);
        assertThat(bot.lastSent().get("text").asString())
                .startsWith("Not rejected: the reason must not contain")
                .contains("U+202E at position 9")
                .endsWith("Press Reject again.");
        assertThat(api.status(id)).isEqualTo("PENDING");

        bot.click(5001, reject).expect(200);
        bot.write(5001, "not during the freeze", 77L).expect(200);
        assertThat(api.status(id)).isEqualTo("REJECTED");
    }

    @Test
    void rejectOnAButtonThatCanDecideNothingAnymoreSaysSoWithoutAskingForAReason() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);
        String reject = bot.buttons().get(1);
        scene.approve(lisa, id);
        scene.awaitNothingDue();
        int sent = bot.platform.seen(TelegramBot.SEND).size();

        bot.click(5001, reject).expect(200);

        assertThat(bot.lastAnswer().get("text").asString())
                .isEqualTo("Nothing was decided: the request is no longer pending.");
        assertThat(bot.platform.seen(TelegramBot.SEND)).hasSize(sent);
        assertThat(refusals()).anyMatch(note -> note.contains("5001") && note.contains("no longer pending"));
    }

    @Test
    void aWrongSecretDecidesNothingAndIsExplainedAndAuditedOnceAMinute() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);
        String approve = bot.buttons().get(0);
        int answers = bot.platform.seen(TelegramBot.ANSWER).size();
        int audited = refusals().size();

        Api.Response wrong = bot.update(
                        "wrong",
                        Map.of("callback_query", Map.of("id", "x", "from", Map.of("id", 5001), "data", approve)))
                .expect(401);
        assertThat(wrong.body()).contains("Refused");
        Api.Response missing = api.anonymous()
                .call(HttpMethod.POST, "/chat/telegram/" + bot.channel + "/updates", "{}")
                .expect(401);
        Api.Response unknown = api.anonymous()
                .call(
                        HttpMethod.POST,
                        "/chat/telegram/no-such-" + bot.channel + "/updates",
                        "{}",
                        "X-Telegram-Bot-Api-Secret-Token",
                        "wrong")
                .expect(401);
        assertThat(List.of(missing.body(), unknown.body())).containsOnly(wrong.body());

        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(bot.platform.seen(TelegramBot.ANSWER)).hasSize(answers);
        assertThat(refusals()).hasSize(audited);
        assertThat(jdbc.sql("select note from audit_events where action = 'chat.callback_refused' and target = ?")
                        .param("channel:" + bot.channel)
                        .query(String.class)
                        .list())
                .containsExactly("telegram channel " + bot.channel + ": wrong secret token");
    }

    @Test
    void aRejectionWaitingForItsReasonIsKeptSealedInTheDatabaseForAnHour() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);
        String reject = bot.buttons().get(1);

        bot.click(5001, reject).expect(200);
        assertThat(pendingRejections())
                .singleElement()
                .satisfies(stored -> assertThat(stored).startsWith("v1:").doesNotContain(reject.substring(2)));
        clock.advance(Duration.ofMinutes(61));
        bot.write(5001, "too late", 77L).expect(200);
        assertThat(api.status(id)).isEqualTo("PENDING");

        bot.click(5001, reject).expect(200);
        // the expired row would also count as one: only a fresh one shows the press asked again
        assertThat(bot.lastAnswer().get("text").asString()).isEqualTo("Reply with your reason to reject " + id + ".");
        assertThat(pendingRejections()).hasSize(1);
        assertThat(jdbc.sql("select count(*) from telegram_rejection_prompts"
                                + " where chat_id = '5001' and message_id = '77' and expires_at > ?")
                        .param(Timestamps.toDb(clock.instant()))
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        bot.write(5002, "somebody else's reply", 77L).expect(200);
        assertThat(api.status(id)).isEqualTo("PENDING");
        bot.write(5001, "in time", 77L).expect(200);
        assertThat(api.status(id)).isEqualTo("REJECTED");
        assertThat(pendingRejections()).isEmpty();
    }

    @Test
    void aReplyGivesTheReasonOnlyToTheBotThatAskedForItWhenTwoBotsShareTheChat() throws Exception {
        try (TelegramBot other = new TelegramBot(api, jdbc)) {
            bot.link(lisa, 5001);
            Map<String, Object> first = step(1, lisa);
            first.put("notify", List.of(bot.channel, other.channel));
            String id = scene.pending(dev, List.of(first));
            scene.awaitNothingDue();
            String rejectHere = bot.buttons().get(1);
            String rejectThere = other.buttons().get(1);

            // each bot numbers the messages of its own chat with lisa: both prompts are message 77 of chat 5001
            bot.click(5001, rejectHere).expect(200);
            other.click(5001, rejectThere).expect(200);
            other.write(5001, "asked over there", 77L).expect(200);
            assertThat(api.status(id)).isEqualTo("REJECTED");
            assertThat(api.asAdmin()
                            .get("/api/v1/requests/" + id)
                            .json()
                            .get("decisions")
                            .get(0)
                            .get("comment")
                            .asString())
                    .isEqualTo("asked over there");
            assertThat(other.lastSent().get("text").asString()).isEqualTo("Rejected " + id + ".");

            String second = scene.pending(dev, List.of(first));
            scene.awaitNothingDue();
            other.click(5001, other.buttons().get(1)).expect(200);
            bot.write(5001, "a reply to this bot's own message 77", 77L).expect(200);
            assertThat(api.status(second)).as("this bot asked for nothing").isEqualTo("PENDING");
            other.write(5001, "the reply the other bot asked for", 77L).expect(200);
            assertThat(api.status(second)).isEqualTo("REJECTED");
        }
    }

    private List<String> pendingRejections() {
        return jdbc.sql("select token from telegram_rejection_prompts where chat_id = '5001' and message_id = '77'")
                .query(String.class)
                .list();
    }

    @Test
    void anUnlinkedUserAndANonApproverAreRefusedAuditedAndTold() {
        bot.link(lisa, 5001);
        bot.link(mark, 5002);
        String id = requestFor(lisa, null);
        String approve = bot.buttons().get(0);

        bot.click(5999, approve).expect(200);
        assertThat(bot.lastAnswer().get("text").asString()).contains("not linked");
        bot.click(5002, approve).expect(200);
        assertThat(bot.lastAnswer().get("text").asString()).contains("sent to somebody else");

        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(refusals())
                .anyMatch(note -> note.contains("5999") && note.contains("not linked"))
                .anyMatch(note -> note.contains("5002") && note.contains("somebody else"));
    }

    @Test
    void clicksOfAnUnlinkedAccountAreAuditedOnceAMinutePerChannelAndReason() {
        bot.link(lisa, 5001);
        String id = requestFor(lisa, null);
        String approve = bot.buttons().get(0);
        int audited = refusals().size();

        for (int i = 0; i < 3; i++) {
            bot.click(5999, approve).expect(200);
            assertThat(bot.lastAnswer().get("text").asString()).contains("not linked");
        }
        assertThat(refusals()).hasSize(audited + 1);
        clock.advance(Duration.ofMinutes(1));
        bot.click(5999, approve).expect(200);

        assertThat(api.status(id)).isEqualTo("PENDING");
        assertThat(refusals()).hasSize(audited + 2).last().asString().contains("2 more like it");
    }

    @Test
    void aStepThatForbidsTelegramGetsALinkOnlyAndAUsedCodeLinksNobody() {
        bot.link(lisa, 5001);
        requestFor(lisa, List.of("WEB"));
        JsonNode keyboard = bot.lastSentTo("5001").get("reply_markup").get("inline_keyboard");
        assertThat(keyboard).hasSize(1);
        assertThat(keyboard.get(0).get(0).has("url")).isTrue();
        assertThat(keyboard.toString()).doesNotContain("callback_data");

        String code = api.as(mark.token())
                .post("/api/v1/users/" + mark.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(201)
                .json()
                .get("code")
                .asString();
        bot.write(5002, "/link " + code, null).expect(200);
        bot.write(5003, "/link " + code, null).expect(200);
        assertThat(bot.lastSent().get("text").asString()).contains("unknown, used or expired");
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
