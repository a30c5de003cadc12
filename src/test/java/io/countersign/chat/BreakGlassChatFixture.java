package io.countersign.chat;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.BreakGlassReviews;
import io.countersign.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of break-glass uses told in chat share: Telegram and Slack as default channels on the
 * fake platform, rita, sam and tom beside dev and lisa, and dev taking break-glass access to a
 * resource whose policy tells tom and names its reviewers. The channels are removed after each test,
 * so that no default channel hears of the tests that follow.
 */
abstract class BreakGlassChatFixture extends ChatDeliveryFixture {

    static final String TELEGRAM = "/bot7:bot-token/sendMessage";

    @Autowired
    MutableClock clock;

    @Autowired
    BreakGlassReviews reviews;

    Person rita;
    Person sam;
    Person tom;
    final List<String> channels = new ArrayList<>();

    @BeforeEach
    void telegramAndSlackAreDefaultChannels() {
        platform.answer(TELEGRAM, 200, "{\"ok\":true,\"result\":{\"message_id\":45,\"chat\":{\"id\":-1001234}}}")
                .answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U777\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D777\"}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D777\",\"ts\":\"5.6\"}");
        channels.add(channel(Map.of(
                "type",
                "TELEGRAM",
                "default",
                true,
                "botToken",
                "7:bot-token",
                "chatId",
                "-1001234",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                platform.url())));
        channels.add(channel(Map.of(
                "type",
                "SLACK",
                "default",
                true,
                "botToken",
                "xoxb-1",
                "signingSecret",
                "slack-signing-secret",
                "directMessages",
                true,
                "apiBaseUrl",
                platform.url() + "/api")));
        rita = scene.person("rita");
        sam = scene.person("sam");
        tom = scene.person("tom");
    }

    @AfterEach
    void noDefaultChannelHearsOfTheTestsThatFollow() {
        channels.forEach(
                name -> api.asAdmin().delete("/api/v1/channels/" + name).expect(204));
    }

    /** When the review of the use {@code id} is due, as its reviewer rita reads it. */
    Instant dueAt(String id) {
        return Instant.parse(api.as(rita.token())
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("review")
                .get("dueAt")
                .asString());
    }

    /**
     * dev takes break-glass access, because the primary is down, to a resource whose policy tells tom,
     * and these reviewers review within 8 hours; the request has {@code fields} besides. Returns its id.
     */
    String breakGlassReviewedBy(List<Person> reviewers, Map<String, Object> fields) {
        String resource = scene.resource(
                List.of(NotificationScene.step(1, lisa)), NotificationScene.breakGlassTelling(tom, reviewers));
        return scene.breakGlass(dev, resource, "the primary is down", fields)
                .get("id")
                .asString();
    }
}
