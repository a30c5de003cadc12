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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A user's chat links through the API: a code waiting to be sent is listed without the code, a linked
 * Telegram account with its id, and unlinking it (audited) stops its buttons from deciding. Only the
 * user and administrators see or remove them.
 */
@ChatTest
class ChatLinksApiTests {

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    TelegramBot bot;
    Person lisa;
    Person mark;

    @BeforeEach
    void start() throws Exception {
        scene.startFresh();
        lisa = scene.person("lisa");
        mark = scene.person("mark");
        bot = new TelegramBot(api, jdbc);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private JsonNode links(Person person, String of) {
        return api.as(person.token())
                .get("/api/v1/users/" + of + "/chat-links")
                .expect(200)
                .json();
    }

    @Test
    void aNewCodeIsAnsweredAsItsOnlyField() {
        JsonNode issued = api.as(lisa.token())
                .post("/api/v1/users/" + lisa.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(201)
                .json();

        assertThat(issued.propertyNames()).containsExactly("code");
        assertThat(issued.get("code").asString()).matches("[A-HJ-NP-Z2-9]{10}");
    }

    @Test
    void thePlatformIsNamedInAnyCaseAsTheOtherChoicesOfTheApi() {
        for (String type : List.of("telegram", " Telegram ")) {
            JsonNode issued = api.as(lisa.token())
                    .post("/api/v1/users/" + lisa.name() + "/chat-links", Api.json(Map.of("type", type)))
                    .expect(201)
                    .json();

            assertThat(issued.get("code").asString()).matches("[A-HJ-NP-Z2-9]{10}");
        }
        JsonNode refused = api.as(lisa.token())
                .post("/api/v1/users/" + lisa.name() + "/chat-links", Api.json(Map.of("type", "slack")))
                .expect(400)
                .json();
        assertThat(Api.issues(refused)).containsExactly("type:invalid_value");
    }

    @Test
    void withoutATelegramChannelNoCodeIsIssued() {
        TelegramBot.removeAll(api);

        JsonNode refused = api.as(lisa.token())
                .post("/api/v1/users/" + lisa.name() + "/chat-links", Api.json(Map.of("type", "TELEGRAM")))
                .expect(409)
                .json();

        assertThat(refused.get("title").asString()).isEqualTo("Conflict");
        assertThat(refused.get("detail").asString()).contains("No Telegram channel is configured");
        assertThat(refused.has("code")).isFalse();
        assertThat(Api.issues(refused)).containsExactly("type:no_channel");
        // nothing is waiting to be sent, and nothing was audited as issued
        assertThat(links(lisa, lisa.name())).isEmpty();
        assertThat(jdbc.sql("select count(*) from audit_events where action = 'chat.link_code_issued' and target = ?")
                        .param("user:" + lisa.name())
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aPendingCodeIsListedWithoutTheCodeAndALinkWithItsId() {
        String code = bot.code(lisa);

        Api.Response pending = api.as(lisa.token())
                .get("/api/v1/users/" + lisa.name() + "/chat-links")
                .expect(200);
        assertThat(pending.body()).doesNotContain(code);
        assertThat(pending.json()).singleElement().satisfies(entry -> {
            assertThat(entry.get("status").asString()).isEqualTo("PENDING");
            assertThat(entry.get("type").asString()).isEqualTo("TELEGRAM");
            assertThat(entry.has("expiresAt")).isTrue();
            assertThat(entry.has("id")).isFalse();
        });

        bot.write(5101, "/link " + code, null).expect(200);

        JsonNode linked = links(lisa, lisa.name());
        assertThat(linked).singleElement().satisfies(entry -> {
            assertThat(entry.get("id").asString()).isEqualTo("telegram-5101");
            assertThat(entry.get("status").asString()).isEqualTo("LINKED");
            assertThat(entry.get("chatUserId").asString()).isEqualTo("5101");
            assertThat(entry.has("linkedAt")).isTrue();
        });
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + lisa.name() + "/chat-links")
                        .expect(200)
                        .json())
                .hasSize(1);
    }

    @Test
    void aBodyThatIsNotExactlyATypeIsRefusedAsElsewhereAndIssuesNoCode() {
        String path = "/api/v1/users/" + lisa.name() + "/chat-links";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("{\"type\":\"TELEGRAM\",\"x\":1}", "x:unknown_field");
        expected.put("{}", "type:required");
        expected.put("{\"type\":\"SLACK\"}", "type:invalid_value");

        expected.forEach((body, issue) -> {
            var answer = api.as(lisa.token()).post(path, body).expect(400);
            assertThat(Api.issues(answer)).as(body + " → " + answer.body()).containsExactly(issue);
        });
        // a number where text belongs is said as for any other text field, not as a wrong platform
        JsonNode number = api.as(lisa.token())
                .post(path, "{\"type\":5}")
                .expect(400)
                .json()
                .get("errors");
        JsonNode elsewhere = api.as(lisa.token())
                .post("/api/v1/users/" + lisa.name() + "/tokens", "{\"name\":5}")
                .expect(400)
                .json()
                .get("errors");
        assertThat(number).singleElement().satisfies(issue -> {
            assertThat(issue.get("field").asString()).isEqualTo("type");
            assertThat(issue.get("code")).isEqualTo(elsewhere.get(0).get("code"));
            assertThat(issue.get("message")).isEqualTo(elsewhere.get(0).get("message"));
        });
        assertThat(links(lisa, lisa.name())).isEmpty();
    }

    @Test
    void anUnknownFieldIsReportedWithTheTypesProblemAndIssuesNoCode() {
        String path = "/api/v1/users/" + lisa.name() + "/chat-links";

        var wrongPlatform = api.as(lisa.token()).post(path, "{\"type\":\"SLACK\",\"chatId\":\"pasted-secret-1d9b\"}");
        var unknownAlone = api.as(lisa.token()).post(path, "{\"type\":\"TELEGRAM\",\"chatId\":5}");

        assertThat(Api.issues(wrongPlatform.expect(400)))
                .containsExactlyInAnyOrder("type:invalid_value", "chatId:unknown_field");
        assertThat(wrongPlatform.body()).doesNotContain("pasted-secret-1d9b");
        assertThat(Api.issues(unknownAlone.expect(400))).containsExactly("chatId:unknown_field");
        assertThat(unknownAlone.json().has("code")).isFalse();
        assertThat(links(lisa, lisa.name())).isEmpty();
    }

    @Test
    void unlinkingIsAuditedAndTheAccountsButtonsNoLongerDecide() {
        bot.link(lisa, 5102);
        var first = step(1, lisa);
        first.put("notify", List.of(bot.channel));
        String id = scene.pending(scene.person("dev"), List.of(first));
        scene.awaitNothingDue();

        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/chat-links/telegram-5102")
                .expect(204);

        assertThat(links(lisa, lisa.name())).isEmpty();
        assertThat(jdbc.sql("select note from audit_events where action = 'chat.unlinked' and target = ?")
                        .param("user:" + lisa.name())
                        .query(String.class)
                        .list())
                .containsExactly("TELEGRAM user 5102");
        List<String> sentTo5102 = bot.platform.seen(TelegramBot.SEND).stream()
                .map(seen -> seen.json())
                .filter(m -> m.get("chat_id").asString().equals("5102") && m.has("reply_markup"))
                .map(m -> m.get("reply_markup")
                        .get("inline_keyboard")
                        .get(0)
                        .get(0)
                        .get("callback_data")
                        .asString())
                .toList();
        bot.click(5102, sentTo5102.get(0)).expect(200);
        assertThat(bot.lastAnswer().get("text").asString()).contains("not linked");
        assertThat(api.status(id)).isEqualTo("PENDING");
        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/chat-links/telegram-5102")
                .expect(404);
        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/chat-links/not-an-id")
                .expect(404);
    }

    @Test
    void nobodyElseSeesOrRemovesAUsersLinksButAnAdministrator() {
        bot.link(lisa, 5103);

        api.as(mark.token()).get("/api/v1/users/" + lisa.name() + "/chat-links").expect(404);
        api.as(mark.token())
                .delete("/api/v1/users/" + lisa.name() + "/chat-links/telegram-5103")
                .expect(404);
        api.as(mark.token())
                .delete("/api/v1/users/" + mark.name() + "/chat-links/telegram-5103")
                .expect(404);
        assertThat(links(lisa, lisa.name())).hasSize(1);

        api.asAdmin()
                .delete("/api/v1/users/" + lisa.name() + "/chat-links/telegram-5103")
                .expect(204);
        assertThat(links(lisa, lisa.name())).isEmpty();
    }
}
