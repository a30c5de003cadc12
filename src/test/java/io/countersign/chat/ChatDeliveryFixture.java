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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the tests of chat delivery share: a fake platform on loopback, a requester and an approver,
 * channels and requests that notify through that platform, and the Slack deliveries of those requests
 * as stored.
 */
@ChatTest
abstract class ChatDeliveryFixture {

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

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

    /** The settings of a Slack channel posting to {@code C1} through {@code apiBaseUrl}. */
    static Map<String, Object> slackAt(String apiBaseUrl, boolean isDefault) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of(
                "type",
                "SLACK",
                "botToken",
                "xoxb-1",
                "signingSecret",
                "slack-signing-secret",
                "channel",
                "C1",
                "default",
                isDefault));
        body.put("apiBaseUrl", apiBaseUrl);
        return body;
    }

    /** A request whose step names no channel, so that the default channels hear of it. */
    String requestNotifyingTheDefaultChannels() {
        return scene.pending(dev, List.of(step(1, lisa)));
    }

    int attempts(String requestId) {
        return slackDelivery(requestId, "attempts", Integer.class);
    }

    String state(String requestId) {
        return slackDelivery(requestId, "state", String.class);
    }

    /** The error of the request's one Slack delivery, null while it has none. */
    String lastError(String requestId) {
        List<String> errors = jdbc.sql(
                        "select last_error from webhook_deliveries where request_id = ? and channel = 'SLACK'")
                .param(requestId)
                .query(String.class)
                .list();
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    <T> T slackDelivery(String requestId, String column, Class<T> type) {
        return jdbc.sql("select " + column + " from webhook_deliveries where request_id = ? and channel = 'SLACK'")
                .param(requestId)
                .query(type)
                .single();
    }
}
