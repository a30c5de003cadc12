package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import io.countersign.testing.AuditNotes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Once a step is done, every message that announced it is rewritten, in every channel that holds one;
 * and a message that cannot be rewritten never keeps the next step from being announced.
 */
class EarlierChatMessagesTests extends ChatDeliveryFixture {

    @Autowired
    AuditNotes audit;

    private final List<String> defaults = new ArrayList<>();

    /** A default channel, deleted after the test so that no later request is posted to it. */
    private String defaultChannel(Map<String, Object> settings) {
        String name = channel(settings);
        defaults.add(name);
        return name;
    }

    @AfterEach
    void deleteDefaultChannels() {
        defaults.forEach(
                name -> api.asAdmin().delete("/api/v1/channels/" + name).expect(204));
    }

    /** The deliveries about the request on the platform, with their errors. */
    private List<JsonNode> deliveriesAbout(String requestId, String platform) {
        return api.asAdmin()
                .get("/api/v1/notifications/deliveries?limit=100&channel=" + platform)
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(d -> d.get("requestId").asString().equals(requestId))
                .toList();
    }

    private String twoSteps(Person second, String firstChannel, String secondChannel) {
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(firstChannel));
        Map<String, Object> next = step(1, second);
        next.put("notify", secondChannel == null ? List.of() : List.of(secondChannel));
        return scene.pending(dev, List.of(first, next));
    }

    @Test
    void aSlackMessageThatWasDeletedKeepsTheNextStepFromNothingAndItsRewriteIsRecorded() {
        Person carol = scene.person("carol");
        platform.once("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}", null)
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"2.2\"}")
                .answer("/api/chat.update", 200, "{\"ok\":false,\"error\":\"message_not_found\"}");
        String name = slackChannelPostingTo("C1");
        String id = twoSteps(carol, name, name);
        scene.awaitNothingDue();

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        List<FakePlatform.Seen> posts = platform.seen("/api/chat.postMessage");
        assertThat(posts).hasSize(2);
        assertThat(posts.get(1).json().toString()).contains(carol.name());
        assertThat(platform.seen("/api/chat.update")).hasSize(1);
        List<JsonNode> deliveries = deliveriesAbout(id, "SLACK");
        assertThat(deliveries)
                .as("each step posted, and the rewrite of the first step's message given up")
                .extracting(d -> d.get("state").asString())
                .containsExactlyInAnyOrder("DELIVERED", "DELIVERED", "DEAD");
        JsonNode rewrite = deliveries.stream()
                .filter(d -> d.get("state").asString().equals("DEAD"))
                .findFirst()
                .orElseThrow();
        assertThat(rewrite.get("lastError").asString()).isEqualTo("Slack chat.update: message_not_found");
        assertThat(audit.of("notification.delivery_dead"))
                .contains("STEP_OPENED notification to chat channel " + name
                        + " on SLACK gave up after 1 attempt: Slack chat.update: message_not_found");
    }

    @Test
    void aTelegramRewriteThatFailsForAWhileIsTriedAgainWhileTheNextStepIsPostedAtOnce() {
        Person carol = scene.person("carol");
        String send = "/bot7:bot-token/sendMessage";
        String edit = "/bot7:bot-token/editMessageText";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-1001234}}}")
                .once(edit, 502, "{}", null)
                .answer(edit, 200, "{\"ok\":true,\"result\":{}}");
        String name = telegramChannel();
        String id = twoSteps(carol, name, name);
        scene.awaitNothingDue();

        scene.approve(lisa, id);
        scene.awaitNothingDue();
        assertThat(platform.seen(send)).hasSize(2);
        assertThat(platform.seen(edit)).hasSize(1);

        scene.advanceAndSettle(Duration.ofMinutes(10));
        assertThat(platform.seen(send)).hasSize(2);
        List<FakePlatform.Seen> edits = platform.seen(edit);
        assertThat(edits).hasSize(2);
        assertThat(edits.get(1).json().get("message_id").asLong()).isEqualTo(42);
        assertThat(deliveriesAbout(id, "TELEGRAM"))
                .hasSize(3)
                .allMatch(d -> d.get("state").asString().equals("DELIVERED"));
    }

    @Test
    void aDiscordMessageIsRewrittenOnceItsStepIsDoneThoughTheNextStepNamesAnotherChannel() {
        Person carol = scene.person("carol");
        platform.answer("/api/webhooks/1/abc", 200, "{\"id\":\"99\"}")
                .answer("/api/webhooks/1/abc/messages/99", 200, "{\"id\":\"99\"}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.1\"}");
        String discord = channel(Map.of("type", "DISCORD", "webhookUrl", platform.url() + "/api/webhooks/1/abc"));
        String slack = slackChannelPostingTo("C1");
        String id = twoSteps(carol, discord, slack);
        scene.awaitNothingDue();
        assertThat(platform.seen("/api/webhooks/1/abc")).hasSize(1);

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        assertThat(scene.notifiedAbout(id).toString()).doesNotContain("DEAD");
        List<FakePlatform.Seen> edits = platform.seen("/api/webhooks/1/abc/messages/99");
        assertThat(edits).as("rewritten while the second step waits").hasSize(1);
        assertThat(edits.get(0).method()).isEqualTo("PATCH");
        assertThat(platform.seen("/api/webhooks/1/abc"))
                .as("the second step is not posted there")
                .hasSize(1);
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);
        assertThat(api.asAdmin()
                        .get("/api/v1/requests/" + id)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void aDecidedRequestWhoseSlackMessageWasRefusedRewritesNothingAndSaysSo() {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":false,\"error\":\"not_in_channel\"}")
                .answer("/api/chat.update", 200, "{\"ok\":true}");
        String name = defaultChannel(slackAt(platform.url() + "/api", true));
        String id = requestNotifyingTheDefaultChannels();
        scene.awaitNothingDue();

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);
        assertThat(platform.seen("/api/chat.update")).isEmpty();
        assertThat(statesByType(id, "SLACK"))
                .as("the refused post is dead, and the decision's rewrite says it found nothing to rewrite")
                .containsExactlyInAnyOrder("STEP_OPENED DEAD", "REQUEST_DECIDED SKIPPED");
        assertThat(skippedError(id, "SLACK"))
                .isEqualTo("Not sent: " + name + " holds no message about " + id
                        + " to update, as none was posted there.");
        assertThat(scene.notifiedAbout(id)
                        .valueStream()
                        .filter(n -> n.get("channel").asString().equals("SLACK"))
                        .map(n ->
                                n.get("kind").asString() + " " + n.get("state").asString()))
                .as("the request's own list claims no Slack message")
                .containsExactlyInAnyOrder("step_opened DEAD", "request_decided SKIPPED");
    }

    @Test
    void aRejectedRequestWhoseTelegramMessageWasRefusedRewritesNothingAndSaysSo() {
        String send = "/bot7:bot-token/sendMessage";
        String edit = "/bot7:bot-token/editMessageText";
        platform.answer(send, 400, "{\"ok\":false,\"description\":\"Bad Request: chat not found\"}")
                .answer(edit, 200, "{\"ok\":true,\"result\":{}}");
        String name = defaultChannel(Map.of(
                "type",
                "TELEGRAM",
                "botToken",
                "7:bot-token",
                "chatId",
                "-1001234",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                platform.url(),
                "default",
                true));
        String id = requestNotifyingTheDefaultChannels();
        scene.awaitNothingDue();

        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/reject", Api.json(Map.of("comment", "no")))
                .expect(200);
        scene.awaitNothingDue();

        assertThat(platform.seen(send)).hasSize(1);
        assertThat(platform.seen(edit)).isEmpty();
        assertThat(statesByType(id, "TELEGRAM"))
                .containsExactlyInAnyOrder("STEP_OPENED DEAD", "REQUEST_DECIDED SKIPPED");
        assertThat(skippedError(id, "TELEGRAM"))
                .isEqualTo("Not sent: " + name + " holds no message about " + id
                        + " to update, as none was posted there.");
    }

    @Test
    void aStepsMessagePostedWithoutSayingWhereIsNotRewrittenAndItsRewriteSaysSo() {
        Person carol = scene.person("carol");
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\"}")
                .answer("/api/chat.update", 200, "{\"ok\":true}");
        String name = slackChannelPostingTo("C1");
        String id = twoSteps(carol, name, name);
        scene.awaitNothingDue();

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        assertThat(platform.seen("/api/chat.postMessage")).hasSize(2);
        assertThat(platform.seen("/api/chat.update")).isEmpty();
        assertThat(statesByType(id, "SLACK"))
                .as("each step posted, and the first one's rewrite found nothing it could rewrite")
                .containsExactlyInAnyOrder("STEP_OPENED DELIVERED", "STEP_OPENED DELIVERED", "STEP_OPENED SKIPPED");
        assertThat(skippedError(id, "SLACK"))
                .isEqualTo("Not sent: " + name + " holds no message about " + id
                        + " to update, as the platform did not say where it posted it.");
        assertThat(scene.notifiedAbout(id).toString()).doesNotContain("DEAD");
    }

    /** Each delivery about the request on the platform as its kind and state. */
    private List<String> statesByType(String requestId, String platformName) {
        return deliveriesAbout(requestId, platformName).stream()
                .map(d -> d.get("type").asString() + " " + d.get("state").asString())
                .toList();
    }

    /** The error of the request's one skipped delivery on the platform. */
    private String skippedError(String requestId, String platformName) {
        return deliveriesAbout(requestId, platformName).stream()
                .filter(d -> d.get("state").asString().equals("SKIPPED"))
                .map(d -> d.get("lastError").asString())
                .reduce((a, b) -> a + " | " + b)
                .orElseThrow();
    }
}
