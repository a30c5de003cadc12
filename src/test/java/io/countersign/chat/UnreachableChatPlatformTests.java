package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.DeliveryRuns;
import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A chat platform that cannot be reached pauses its channel, as a mail server does: the messages
 * queued behind the first refused one wait instead of each trying the same dead address, and go out
 * once the platform answers again.
 */
@ChatTest
@Import(DeliveryRuns.class)
class UnreachableChatPlatformTests {

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryRuns runs;

    FakePlatform platform;
    int port;
    String channel;
    Person dev;
    Person lisa;

    @BeforeEach
    void aSlackChannelWhosePlatformRefusesConnections() throws IOException {
        scene.startFresh();
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        channel = Api.unique("chan");
        Map<String, Object> body = new LinkedHashMap<>(
                Map.of("type", "SLACK", "botToken", "xoxb-1", "signingSecret", "s", "channel", "C1"));
        body.put("apiBaseUrl", "http://127.0.0.1:" + port + "/api");
        body.put("name", channel);
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
    }

    @AfterEach
    void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void messagesQueuedBehindARefusedOneWaitForThePlatformAndFollowOnceItAnswers() throws IOException {
        String first = requestNotifyingTheChannel();
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(first) == 1);
        assertThat(lastError(first))
                .isEqualTo("Slack chat.postMessage: could not reach the platform: connection refused");

        String second = requestNotifyingTheChannel();
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(second) == 0);
        awaitTwoMoreSlackRuns();
        assertThat(attempts(second)).as("tried while the channel pauses").isZero();

        platform = new FakePlatform(port)
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}");
        // past the channel's pause and the first retry of the refused message
        clock.advance(Duration.ofMinutes(1));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> state(first).equals("DELIVERED") && state(second).equals("DELIVERED"));
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(2);
    }

    private String requestNotifyingTheChannel() {
        Map<String, Object> only = step(1, lisa);
        only.put("notify", List.of(channel));
        return scene.pending(dev, List.of(only));
    }

    /** The Slack channel's run under way, if any, has ended, and one more ran after it. */
    private void awaitTwoMoreSlackRuns() {
        int runsBefore = runs.finished("SLACK");
        await().atMost(NotificationScene.PATIENCE).until(() -> runs.finished("SLACK") >= runsBefore + 2);
    }

    private int attempts(String requestId) {
        return slackDelivery(requestId, "attempts", Integer.class);
    }

    private String state(String requestId) {
        return slackDelivery(requestId, "state", String.class);
    }

    private String lastError(String requestId) {
        return slackDelivery(requestId, "last_error", String.class);
    }

    private <T> T slackDelivery(String requestId, String column, Class<T> type) {
        return jdbc.sql("select " + column + " from webhook_deliveries where request_id = ? and channel = 'SLACK'")
                .param(requestId)
                .query(type)
                .single();
    }
}
