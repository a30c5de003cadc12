package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A chat button decides only through the callback of the configured channel that sent it: the same
 * platform's other channel (another workspace's app, another bot) takes it as a forged button.
 */
class ChatButtonChannelTests extends SlackDecisionFixture {

    @Test
    void aSlackButtonSpentThroughAnotherSlackChannelIsRefusedAsUnknownAndDecidesNothing() throws Exception {
        String id = request();
        String token = token();
        try (FakePlatform other = new FakePlatform()) {
            other.answer(
                            "/api/users.info",
                            200,
                            "{\"ok\":true,\"user\":{\"id\":\"U1\",\"profile\":{\"email\":\"" + lisa.name()
                                    + "@example.com\"}}}")
                    .answer("/respond", 200, "ok");
            String room = Api.unique("slack-room");
            api.asAdmin()
                    .post(
                            "/api/v1/channels",
                            Api.json(Map.of(
                                    "name",
                                    room,
                                    "type",
                                    "SLACK",
                                    "botToken",
                                    "xoxb-room",
                                    "directMessages",
                                    true,
                                    "signingSecret",
                                    "room-signing-secret-b",
                                    "apiBaseUrl",
                                    other.url() + "/api")))
                    .expect(201);
            Map<String, Object> click = new java.util.HashMap<>(clickPayload("approve_request", token));
            click.put("response_url", other.url() + "/respond");
            String body = "payload=" + URLEncoder.encode(Api.json(click), StandardCharsets.UTF_8);

            assertThat(sendSignedTo(room, body, body, clock.instant().getEpochSecond(), "room-signing-secret-b")
                            .getStatus())
                    .isEqualTo(200);

            assertThat(request(id).get("status").asString()).isEqualTo("PENDING");
            assertThat(other.seen("/api/users.info"))
                    .as("nobody is looked up with another channel's bot")
                    .isEmpty();
            JsonNode answer = other.seen("/respond").get(0).json();
            assertThat(answer.get("text").asString()).isEqualTo("Nothing was decided: this button is unknown.");
            assertThat(refusals()).anyMatch(note -> note.contains("this button is unknown"));
        }

        click("approve_request", token);
        assertThat(lastEphemeral()).isEqualTo("Approved " + id + ".");
    }

    @Test
    void aTelegramButtonSpentThroughAnotherBotIsRefusedAsUnknownAndDecidesNothing() throws Exception {
        try (TelegramBot sender = new TelegramBot(api, jdbc);
                TelegramBot other = new TelegramBot(api, jdbc)) {
            sender.link(lisa, 5001);
            Map<String, Object> first = io.countersign.notify.NotificationScene.step(1, lisa);
            first.put("notify", List.of(sender.channel));
            String id = scene.pending(dev, List.of(first));
            scene.awaitNothingDue();
            List<String> data = sender.buttons();

            other.click(5001, data.get(0)).expect(200);
            assertThat(api.status(id)).isEqualTo("PENDING");
            assertThat(other.lastAnswer().get("text").asString())
                    .isEqualTo("Nothing was decided: this button is unknown.");
            other.click(5001, data.get(1)).expect(200);
            assertThat(other.platform.seen(TelegramBot.SEND))
                    .as("no reason is asked for")
                    .isEmpty();
            assertThat(refusals()).anyMatch(note -> note.contains("5001") && note.contains("this button is unknown"));

            sender.click(5001, data.get(0)).expect(200);
            assertThat(api.status(id)).isEqualTo("APPROVED");
        }
    }
}
