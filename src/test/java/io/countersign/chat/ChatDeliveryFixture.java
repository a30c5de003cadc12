package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the tests of chat delivery share: a fake platform on loopback, a requester and an approver, and
 * channels and requests that notify through that platform.
 */
@ChatTest
abstract class ChatDeliveryFixture {

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    FakePlatform platform;
    Person dev;
    Person lisa;

    @BeforeEach
    void start() throws Exception {
        scene.startFresh();
        platform = new FakePlatform();
        dev = scene.person("dev");
        lisa = scene.person("lisa");
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    String channel(Map<String, Object> settings) {
        String name = Api.unique("chan");
        Map<String, Object> body = new LinkedHashMap<>(settings);
        body.put("name", name);
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
        return name;
    }

    /** A Slack channel posting to the platform's channel {@code slackChannel} through the fake platform. */
    String slackChannelPostingTo(String slackChannel) {
        return channel(Map.of(
                "type",
                "SLACK",
                "botToken",
                "xoxb-1",
                "signingSecret",
                "slack-signing-secret",
                "channel",
                slackChannel,
                "apiBaseUrl",
                platform.url() + "/api"));
    }

    /** A Telegram channel whose bot {@code 7:bot-token} posts to chat {@code -1001234} through the fake platform. */
    String telegramChannel() {
        return channel(Map.of(
                "type",
                "TELEGRAM",
                "botToken",
                "7:bot-token",
                "chatId",
                "-1001234",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "apiBaseUrl",
                platform.url()));
    }

    String requestNotifying(String channel) {
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(channel));
        return scene.pending(dev, List.of(first));
    }
}
