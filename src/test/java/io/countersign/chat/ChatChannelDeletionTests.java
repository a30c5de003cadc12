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
        assertThat(jdbc.sql("select note from audit_events where action = 'channel.deleted' and target = ?")
                        .param("channel:" + name)
                        .query(String.class)
                        .single())
                .isEqualTo("1 pending delivery and 1 dead delivery discarded");

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

    private String deliveryOf(String requestId) {
        return slackDelivery(requestId, "id", String.class);
    }
}
