package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A deleted channel takes its undelivered messages with it: a later channel of the same name, which
 * may be another team's, never receives them.
 */
class ChatChannelDeletionTests extends ChatDeliveryFixture {

    @Test
    void deletingAChannelDiscardsItsUndeliveredMessagesSoALaterChannelOfTheSameNameNeverGetsThem() throws Exception {
        // the first platform refuses for good (dead) and then fails for a while (pending)
        platform.answer("/api/chat.postMessage", 403, "{}");
        // the default channel: a channel a policy names cannot be deleted
        String name = channel(slackAt(platform.url() + "/api", true));
        String dead = requestNotifyingTheDefaultChannels();
        await().atMost(NotificationScene.PATIENCE).until(() -> "DEAD".equals(state(dead)));
        platform.answer("/api/chat.postMessage", 503, "{}");
        String pending = requestNotifyingTheDefaultChannels();
        await().atMost(NotificationScene.PATIENCE).until(() -> attempts(pending) >= 1);
        assertThat(state(pending)).isEqualTo("PENDING");

        api.asAdmin().delete("/api/v1/channels/" + name).expect(204);

        assertThat(state(pending)).isEqualTo("SKIPPED");
        assertThat(state(dead)).isEqualTo("SKIPPED");
        assertThat(lastError(pending)).isEqualTo("the chat channel " + name + " was deleted");
        // the note counts every message the deletion discarded: this test's two, and any other request of
        // the shared context that told the default channels meanwhile
        long discarded = jdbc.sql("select count(*) from webhook_deliveries where state = 'SKIPPED' and last_error = ?")
                .param("the chat channel " + name + " was deleted")
                .query(Long.class)
                .single();
        long pendingDiscarded = discarded - 1;
        assertThat(jdbc.sql("select note from audit_events where action = 'channel.deleted' and target = ?")
                        .param("channel:" + name)
                        .query(String.class)
                        .single())
                .isEqualTo(pendingDiscarded + (pendingDiscarded == 1 ? " pending delivery" : " pending deliveries")
                        + " and 1 dead delivery discarded");

        try (FakePlatform other = new FakePlatform()) {
            other.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C9\",\"ts\":\"1.2\"}");
            Map<String, Object> again = new LinkedHashMap<>(Map.of(
                    "name",
                    name,
                    "type",
                    "SLACK",
                    "botToken",
                    "xoxb-9",
                    "signingSecret",
                    "slack-signing-secret",
                    "channel",
                    "C9"));
            again.put("apiBaseUrl", other.url() + "/api");
            api.asAdmin().post("/api/v1/channels", Api.json(again)).expect(201);
            try {
                String refused = api.asAdmin()
                        .post("/api/v1/notifications/deliveries/" + deliveryOf(dead) + "/redeliver", "")
                        .expect(409)
                        .body();
                assertThat(refused).contains("the chat channel " + name + " was deleted");
                scene.awaitNothingDue();
                assertThat(other.seen("/api/chat.postMessage")).isEmpty();
            } finally {
                api.asAdmin().delete("/api/v1/channels/" + name).expect(204);
            }
        }
    }

    @Test
    void aSlackMessageStillBeingSentWhenItsChannelIsDeletedIsNeverRewrittenByALaterChannelOfTheSameName()
            throws Exception {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C0OPS\",\"ts\":\"1.1\"}")
                .holdAnswers();
        String name = channel(slackAt(platform.url() + "/api", true));
        try (FakePlatform other = new FakePlatform()) {
            other.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C9\",\"ts\":\"9.9\"}")
                    .answer("/api/chat.update", 200, "{\"ok\":true}");
            Map<String, Object> again = slackAt(other.url() + "/api", false);
            again.put("botToken", "xoxb-9");
            again.put("channel", "C9");

            String id = deletedWhileSending(name, "/api/chat.postMessage", again);

            assertRewrittenNowhere(id, "SLACK");
            assertThat(other.seen("/api/chat.update")).isEmpty();
            assertThat(other.seen("/api/chat.postMessage")).isEmpty();
        }
    }

    @Test
    void aTelegramMessageStillBeingSentWhenItsChannelIsDeletedIsNeverRewrittenByALaterChannelOfTheSameName()
            throws Exception {
        String send = "/bot7:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-1001234}}}")
                .holdAnswers();
        String name = channel(telegramAt(platform.url(), "7:bot-token", true));
        try (FakePlatform other = new FakePlatform()) {
            other.answer("/bot8:other-bot/editMessageText", 200, "{\"ok\":true,\"result\":{}}");

            String id = deletedWhileSending(name, send, telegramAt(other.url(), "8:other-bot", false));

            assertRewrittenNowhere(id, "TELEGRAM");
            assertThat(other.seen()).isEmpty();
        }
    }

    @Test
    void aSlackMessageStillBeingSentWhenItsChannelMovesToAnotherAddressIsNotRewrittenAtTheNewOne() throws Exception {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C0OPS\",\"ts\":\"1.1\"}")
                .holdAnswers();
        String name = slackChannelPostingTo("C1");
        try (FakePlatform other = new FakePlatform()) {
            other.answer("/api/chat.update", 200, "{\"ok\":true}");
            String id = requestNotifying(name);
            await().atMost(NotificationScene.PATIENCE)
                    .until(() -> platform.seen("/api/chat.postMessage").size() == 1);
            Map<String, Object> moved = slackAt(other.url() + "/api", false);
            moved.remove("signingSecret");
            api.asAdmin().put("/api/v1/channels/" + name, Api.json(moved)).expect(200);

            platform.answerAgain();
            scene.awaitNothingDue();
            scene.approve(lisa, id);
            scene.awaitNothingDue();

            assertThat(other.seen("/api/chat.update"))
                    .as("the message went to the old address, and is not rewritten at the new one")
                    .isEmpty();
            assertRewrittenNowhere(id, "SLACK");
        }
    }

    /**
     * Deletes the default channel {@code name} while its message about a new request is being sent
     * ({@code path} on the platform, whose answers are held), creates another channel of that name with
     * {@code again}, lets the old platform answer and approves the request; returns the request's id.
     */
    private String deletedWhileSending(String name, String path, Map<String, Object> again) {
        String id = requestNotifyingTheDefaultChannels();
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> platform.seen(path).size() == 1);

        api.asAdmin().delete("/api/v1/channels/" + name).expect(204);
        Map<String, Object> body = new LinkedHashMap<>(again);
        body.put("name", name);
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
        try {
            platform.answerAgain();
            scene.awaitNothingDue();
            assertThat(jdbc.sql("select count(*) from chat_messages where channel_name = ?")
                            .param(name)
                            .query(Integer.class)
                            .single())
                    .as("no message is kept for a later channel of the name to rewrite")
                    .isZero();
            scene.approve(lisa, id);
            scene.awaitNothingDue();
        } finally {
            api.asAdmin().delete("/api/v1/channels/" + name).expect(204);
        }
        return id;
    }

    /** The request's message to the deleted channel was sent, and no later channel rewrote it. */
    private void assertRewrittenNowhere(String id, String type) {
        assertThat(scene.notifiedAbout(id)
                        .valueStream()
                        .filter(n -> n.get("channel").asString().equals(type))
                        .map(n ->
                                n.get("kind").asString() + " " + n.get("state").asString()))
                .as("the message was sent, to the channel as it was, and is rewritten nowhere")
                .contains("step_opened DELIVERED")
                .doesNotContain("request_decided DELIVERED");
    }

    /** A Telegram channel whose bot {@code botToken} posts to chat {@code -1001234} through {@code apiBaseUrl}. */
    private static Map<String, Object> telegramAt(String apiBaseUrl, String botToken, boolean isDefault) {
        return new LinkedHashMap<>(Map.of(
                "type",
                "TELEGRAM",
                "botToken",
                botToken,
                "chatId",
                "-1001234",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                apiBaseUrl,
                "default",
                isDefault));
    }

    private String deliveryOf(String requestId) {
        return slackDelivery(requestId, "id", String.class);
    }
}
