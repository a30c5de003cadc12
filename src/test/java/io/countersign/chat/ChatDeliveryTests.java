package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Each platform receives the request its API documents, once per notification, when the platform is
 * ready for it, and sees it change once the request is decided.
 */
class ChatDeliveryTests extends ChatDeliveryFixture {

    @Test
    void slackGetsABlockKitMessageInTheStepsChannelAndItChangesOnceTheRequestIsDecided() {
        platform.answer(
                        "/api/chat.postMessage",
                        200,
                        "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1700000000.000100\"}")
                .answer("/api/chat.update", 200, "{\"ok\":true}");
        String name = slackChannelPostingTo("C0123456789");

        String id = requestNotifying(name);
        scene.awaitNothingDue();

        List<FakePlatform.Seen> posts = platform.seen("/api/chat.postMessage");
        assertThat(posts).hasSize(1);
        FakePlatform.Seen post = posts.get(0);
        assertThat(post.method()).isEqualTo("POST");
        assertThat(post.header("Authorization")).isEqualTo("Bearer xoxb-1");
        assertThat(post.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        JsonNode body = post.json();
        assertThat(body.get("channel").asString()).isEqualTo("C0123456789");
        assertThat(body.get("text").asString())
                .contains(dev.name() + " asks for admin on")
                .contains(id);
        assertThat(body.get("blocks").get(0).get("type").asString()).isEqualTo("header");
        assertThat(body.get("blocks").get(1).toString())
                .contains("Who may approve")
                .contains(lisa.name())
                .contains("Deadline: ")
                .contains(" UTC (in 1 day)");
        assertThat(body.get("blocks").get(2).get("elements").get(0).get("url").asString())
                .isEqualTo("https://countersign.example.com/requests/" + id);

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        List<FakePlatform.Seen> updates = platform.seen("/api/chat.update");
        assertThat(updates).hasSize(1);
        JsonNode update = updates.get(0).json();
        assertThat(update.get("channel").asString()).isEqualTo("C0123456789");
        assertThat(update.get("ts").asString()).isEqualTo("1700000000.000100");
        assertThat(update.get("text").asString()).contains("approved by " + lisa.name());
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);
        assertThat(scene.notifiedAbout(id).toString()).contains("SLACK");
    }

    @Test
    void aSlackChannelOfDirectMessagesWritesToEachApproverFoundByTheirEmail() {
        platform.answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U777\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D777\"}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D777\",\"ts\":\"5.6\"}");
        String name = directMessagesChannel();

        String id = requestNotifying(name);
        scene.awaitNothingDue();

        FakePlatform.Seen lookup = platform.seen("/api/users.lookupByEmail").get(0);
        assertThat(lookup.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(lookup.body()).isEqualTo("email=" + lisa.name() + "%40example.com");
        assertThat(platform.seen("/api/conversations.open")
                        .get(0)
                        .json()
                        .get("users")
                        .asString())
                .isEqualTo("U777");
        List<FakePlatform.Seen> posts = platform.seen("/api/chat.postMessage");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).json().get("channel").asString()).isEqualTo("D777");
        assertThat(scene.notifiedAbout(id).toString()).contains(lisa.name()).contains("SLACK");
    }

    @Test
    void aDirectMessageToAnApproverDeactivatedBeforeItsTurnIsSkippedAndNothingIsPosted() {
        platform.once("/api/users.lookupByEmail", 502, "{}", null)
                .answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U777\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D777\"}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D777\",\"ts\":\"5.6\"}");
        String name = directMessagesChannel();
        String id = requestNotifying(name);
        scene.awaitNothingDue();
        assertThat(state(id)).isEqualTo("PENDING");
        // deactivated while the request kept them among the step's approvers
        jdbc.sql("update users set active = false where id = ?")
                .param(lisa.id())
                .update();

        scene.advanceAndSettle(Duration.ofMinutes(10));

        assertThat(state(id)).isEqualTo("SKIPPED");
        assertThat(lastError(id)).isEqualTo("Not sent: " + lisa.name() + " is deactivated.");
        assertThat(platform.seen("/api/chat.postMessage")).isEmpty();
        assertThat(platform.seen("/api/users.lookupByEmail")).hasSize(1);
    }

    @Test
    void theMessagesOfOneStepInOneChannelLeaveEachOtherOpen() {
        Person carol = scene.person("carol");
        Person tom = scene.person("tom");
        platform.answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U777\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D777\"}}")
                .answer("/api/chat.update", 200, "{\"ok\":true}");
        for (String ts : List.of("1.1", "2.2", "3.3")) {
            platform.once(
                    "/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D777\",\"ts\":\"" + ts + "\"}", null);
        }
        String name = channel(Map.of(
                "type",
                "SLACK",
                "botToken",
                "xoxb-3",
                "signingSecret",
                "slack-signing-secret",
                "directMessages",
                true,
                "apiBaseUrl",
                platform.url() + "/api"));
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(name));
        Map<String, Object> second = step(1, carol, tom);
        second.put("notify", List.of(name));
        String id = scene.pending(dev, List.of(first, second));
        scene.awaitNothingDue();

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        assertThat(platform.seen("/api/chat.postMessage")).hasSize(3);
        List<FakePlatform.Seen> updates = platform.seen("/api/chat.update");
        assertThat(updates)
                .as("only lisa's message about the first step is closed, once")
                .hasSize(1);
        assertThat(updates.get(0).json().get("ts").asString()).isEqualTo("1.1");
    }

    @Test
    void aRateLimitedPostWaitsAsLongAsRetryAfterAsksAndIsPostedOnce() {
        platform.once("/api/chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", "600")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}");
        String name = slackChannelPostingTo("C1");

        String id = requestNotifying(name);
        scene.awaitNothingDue();
        scene.advanceAndSettle(Duration.ofMinutes(5));
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);
        JsonNode attempt = api.asAdmin()
                .get("/api/v1/notifications/deliveries?limit=100&channel=SLACK")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(d -> d.get("requestId").asString().equals(id))
                .findFirst()
                .orElseThrow()
                .get("attempts")
                .get(0);
        assertThat(attempt.get("statusCode").asInt()).isEqualTo(429);

        scene.advanceAndSettle(Duration.ofMinutes(6));
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(2);
        scene.advanceAndSettle(Duration.ofHours(1));
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(2);
    }

    @Test
    void aRetryAfterBeyondTheRetryWindowWaitsOnlyToItsEnd() {
        platform.once("/api/chat.postMessage", 429, "{\"ok\":false,\"error\":\"ratelimited\"}", "1e300")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}");
        String name = slackChannelPostingTo("C1");

        String id = requestNotifying(name);
        scene.awaitNothingDue();
        scene.advanceAndSettle(Duration.ofHours(23));
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);

        scene.advanceAndSettle(Duration.ofHours(2));
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(2);
        assertThat(scene.notifiedAbout(id).toString()).contains("DELIVERED");
    }

    @Test
    void telegramIsTriedAgainAfterA5xxAndItsMessageIsEditedOnceTheRequestIsRejected() {
        String send = "/bot7:bot-token/sendMessage";
        platform.once(send, 502, "{}", null)
                .answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":42,\"chat\":{\"id\":-1001234}}}")
                .answer("/bot7:bot-token/editMessageText", 200, "{\"ok\":true,\"result\":{}}");
        String name = telegramChannel();

        String id = requestNotifying(name);
        scene.awaitNothingDue();
        scene.advanceAndSettle(Duration.ofMinutes(10));

        List<FakePlatform.Seen> sends = platform.seen(send);
        assertThat(sends).hasSize(2);
        JsonNode message = sends.get(1).json();
        assertThat(message.get("chat_id").asString()).isEqualTo("-1001234");
        assertThat(message.get("text").asString()).contains(dev.name() + " asks for admin");
        assertThat(message.get("reply_markup")
                        .get("inline_keyboard")
                        .get(0)
                        .get(0)
                        .get("url")
                        .asString())
                .isEqualTo("https://countersign.example.com/requests/" + id);

        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/reject", Api.json(Map.of("comment", "no")))
                .expect(200);
        scene.awaitNothingDue();

        JsonNode edit = platform.seen("/bot7:bot-token/editMessageText").get(0).json();
        assertThat(edit.get("message_id").asLong()).isEqualTo(42);
        assertThat(edit.get("text").asString()).contains("rejected by " + lisa.name());
    }

    @Test
    void aPostAnsweredWithoutWhereTheMessageWentIsDeliveredOnceAndNeverEdited() {
        String send = "/bot7:bot-token/sendMessage";
        platform.answer(send, 200, "{\"ok\":true,\"result\":{\"message_id\":42}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\"}");
        String viaTelegram = requestNotifying(telegramChannel());
        String viaSlack = requestNotifying(slackChannelPostingTo("C1"));
        scene.awaitNothingDue();
        scene.advanceAndSettle(Duration.ofMinutes(10));

        for (String id : List.of(viaTelegram, viaSlack)) {
            assertThat(scene.notifiedAbout(id).toString()).contains("DELIVERED");
            api.as(lisa.token())
                    .post("/api/v1/requests/" + id + "/reject", Api.json(Map.of("comment", "no")))
                    .expect(200);
        }
        scene.awaitNothingDue();

        assertThat(platform.seen(send)).hasSize(1);
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);
        assertThat(platform.seen("/bot7:bot-token/editMessageText")).isEmpty();
        assertThat(platform.seen("/api/chat.update")).isEmpty();
    }

    @Test
    void discordGetsAnEmbedItEditsLaterAndTeamsGetsAnAdaptiveCard() {
        platform.answer("/api/webhooks/1/abc", 200, "{\"id\":\"99\"}")
                .answer("/api/webhooks/1/abc/messages/99", 200, "{\"id\":\"99\"}")
                .answer("/workflows/run", 202, "");
        String discord = channel(Map.of("type", "DISCORD", "webhookUrl", platform.url() + "/api/webhooks/1/abc"));
        String teams = channel(Map.of("type", "TEAMS", "webhookUrl", platform.url() + "/workflows/run"));
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(discord, teams));

        String id = scene.pending(dev, List.of(first));
        scene.awaitNothingDue();

        FakePlatform.Seen embed = platform.seen("/api/webhooks/1/abc").get(0);
        assertThat(embed.query()).isEqualTo("wait=true");
        assertThat(embed.json().get("embeds").get(0).get("url").asString())
                .isEqualTo("https://countersign.example.com/requests/" + id);
        assertThat(embed.json().get("allowed_mentions").get("parse")).isEmpty();
        JsonNode card = platform.seen("/workflows/run").get(0).json();
        assertThat(card.get("type").asString()).isEqualTo("message");
        JsonNode attachment = card.get("attachments").get(0);
        assertThat(attachment.get("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.get("content").get("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(attachment.get("content").get("actions").get(0).get("url").asString())
                .isEqualTo("https://countersign.example.com/requests/" + id);

        scene.approve(lisa, id);
        scene.awaitNothingDue();

        FakePlatform.Seen edit =
                platform.seen("/api/webhooks/1/abc/messages/99").get(0);
        assertThat(edit.method()).isEqualTo("PATCH");
        assertThat(edit.json().get("embeds").get(0).get("title").asString()).contains("approved by " + lisa.name());
        assertThat(platform.seen("/workflows/run")).hasSize(2);
    }

    @Test
    void eachPostAndRewriteRecordsTheStatusThePlatformAnswered() {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C5\",\"ts\":\"5.5\"}")
                .answer("/api/chat.update", 200, "{\"ok\":true}")
                .answer("/workflows/run", 202, "");
        String slack = slackChannelPostingTo("C5");
        String teams = channel(Map.of("type", "TEAMS", "webhookUrl", platform.url() + "/workflows/run"));
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(slack, teams));

        String id = scene.pending(dev, List.of(first));
        scene.awaitNothingDue();
        scene.approve(lisa, id);
        scene.awaitNothingDue();

        List<JsonNode> deliveries = deliveriesAbout(id);
        assertThat(deliveries)
                .extracting(d -> d.get("channel").asString() + " "
                        + d.get("lastStatusCode").asInt())
                .containsExactlyInAnyOrder("SLACK 200", "SLACK 200", "TEAMS 202", "TEAMS 202");
        assertThat(deliveries)
                .extracting(d -> d.get("attempts").get(0).get("statusCode").asInt())
                .containsOnly(200, 202);
    }

    private List<JsonNode> deliveriesAbout(String requestId) {
        return api.asAdmin()
                .get("/api/v1/notifications/deliveries?limit=100")
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .filter(d -> requestId.equals(d.get("requestId").asString(null)))
                .filter(d -> List.of("SLACK", "TEAMS").contains(d.get("channel").asString()))
                .toList();
    }

    @Test
    void aSubscriptionToAPlatformOfSeveralChannelsAndNoDefaultQueuesNothingUntilOneIsTheDefault() {
        platform.answer("/api/webhooks/1/a", 200, "{\"id\":\"7\"}").answer("/api/webhooks/2/b", 200, "{\"id\":\"8\"}");
        String first = channel(Map.of("type", "DISCORD", "webhookUrl", platform.url() + "/api/webhooks/1/a"));
        String second = channel(Map.of("type", "DISCORD", "webhookUrl", platform.url() + "/api/webhooks/2/b"));
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name() + "/subscriptions",
                        Api.json(Map.of("step_opened", List.of("DISCORD"))))
                .expect(200);
        try {
            scene.pending(dev, List.of(step(1, lisa)));
            scene.awaitNothingDue();

            assertThat(scene.deliveriesTo(lisa))
                    .noneMatch(d -> d.get("channel").asString().equals("DISCORD"));
            assertThat(platform.seen()).isEmpty();

            api.asAdmin()
                    .put("/api/v1/channels/" + first, Api.json(Map.of("type", "DISCORD", "default", true)))
                    .expect(200);
            scene.pending(dev, List.of(step(1, lisa)));
            scene.awaitNothingDue();

            assertThat(scene.deliveriesTo(lisa))
                    .filteredOn(d -> d.get("channel").asString().equals("DISCORD"))
                    .extracting(d -> d.get("state").asString())
                    .containsExactly("DELIVERED");
            assertThat(platform.seen("/api/webhooks/1/a")).isNotEmpty();
            assertThat(platform.seen("/api/webhooks/2/b")).isEmpty();
        } finally {
            // a default channel would hear of the requests of the tests that follow
            api.asAdmin().delete("/api/v1/channels/" + first).expect(204);
            api.asAdmin().delete("/api/v1/channels/" + second).expect(204);
        }
    }

    /** A Slack channel that writes to each approver directly, on the fake platform. */
    private String directMessagesChannel() {
        return channel(Map.of(
                "type",
                "SLACK",
                "botToken",
                "xoxb-2",
                "signingSecret",
                "slack-signing-secret",
                "directMessages",
                true,
                "apiBaseUrl",
                platform.url() + "/api"));
    }
}
