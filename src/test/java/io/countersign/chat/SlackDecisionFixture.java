package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import io.countersign.testing.AuditNotes;
import io.countersign.testing.MutableClock;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * What the tests of deciding in Slack share: an approver's Slack channel of direct messages on a fake
 * platform, a request notifying it, and signed interactions posted as Slack would post them.
 */
@ChatTest
abstract class SlackDecisionFixture {

    static final String SIGNING = "slack-signing-secret";

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditNotes audit;

    FakePlatform platform;
    Person dev;
    Person lisa;
    Person mark;
    String channel;

    @BeforeEach
    void start() throws Exception {
        scene.startFresh();
        platform = new FakePlatform();
        dev = scene.person("dev");
        lisa = scene.person("lisa");
        mark = scene.person("mark");
        platform.answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U1\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D1\"}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D1\",\"ts\":\"1.1\"}")
                .answer("/api/chat.update", 200, "{\"ok\":true}")
                .answer("/api/views.open", 200, "{\"ok\":true}")
                .answer("/respond", 200, "ok");
        profile(lisa.name() + "@example.com");
        channel = Api.unique("slack");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                channel,
                                "type",
                                "SLACK",
                                "botToken",
                                "xoxb-9",
                                "signingSecret",
                                SIGNING,
                                "directMessages",
                                true,
                                "apiBaseUrl",
                                platform.url() + "/api")))
                .expect(201);
    }

    @AfterEach
    void stop() {
        platform.close();
    }

    void profile(String email) {
        platform.answer(
                "/api/users.info",
                200,
                "{\"ok\":true,\"user\":{\"id\":\"U1\",\"profile\":{\"email\":\"" + email + "\"}}}");
    }

    String request() {
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(channel));
        String id = scene.pending(dev, List.of(first));
        scene.awaitNothingDue();
        return id;
    }

    String token() {
        List<FakePlatform.Seen> posts = platform.seen("/api/chat.postMessage");
        JsonNode elements =
                posts.get(posts.size() - 1).json().get("blocks").get(2).get("elements");
        assertThat(elements.get(0).get("action_id").asString()).isEqualTo("approve_request");
        assertThat(elements.get(1).get("action_id").asString()).isEqualTo("reject_request");
        assertThat(elements.get(1).get("value").asString())
                .isEqualTo(elements.get(0).get("value").asString());
        return elements.get(0).get("value").asString();
    }

    MockHttpServletResponse send(Map<String, Object> payload, long timestamp, String secret) throws Exception {
        return sendRaw("payload=" + URLEncoder.encode(Api.json(payload), StandardCharsets.UTF_8), timestamp, secret);
    }

    /** Signs {@code body} as it stands, byte for byte, and posts it. */
    MockHttpServletResponse sendRaw(String body, long timestamp, String secret) throws Exception {
        return sendSigned(body, body, timestamp, secret);
    }

    MockHttpServletResponse sendSigned(String signedBody, String body, long timestamp, String secret) throws Exception {
        return sendSignedTo(channel, signedBody, body, timestamp, secret);
    }

    /** Signs and posts to the interactions address of the Slack channel {@code to}. */
    MockHttpServletResponse sendSignedTo(String to, String signedBody, String body, long timestamp, String secret)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0="
                + HexFormat.of()
                        .formatHex(
                                mac.doFinal(("v0:" + timestamp + ":" + signedBody).getBytes(StandardCharsets.UTF_8)));
        return mvc.perform(post("/chat/slack/" + to + "/interactions")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                        .header("X-Slack-Signature", signature)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    MockHttpServletResponse click(String action, String token) throws Exception {
        return send(clickPayload(action, token), clock.instant().getEpochSecond(), SIGNING);
    }

    Map<String, Object> clickPayload(String action, String token) {
        return Map.of(
                "type",
                "block_actions",
                "user",
                Map.of("id", "U1"),
                "trigger_id",
                "trig-1",
                "response_url",
                platform.url() + "/respond",
                "actions",
                List.of(Map.of("action_id", action, "value", token)));
    }

    String lastEphemeral() {
        List<FakePlatform.Seen> answers = platform.seen("/respond");
        JsonNode last = answers.get(answers.size() - 1).json();
        assertThat(last.get("response_type").asString()).isEqualTo("ephemeral");
        return last.get("text").asString();
    }

    JsonNode request(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    List<String> refusals() {
        return audit.of("chat.decision_refused");
    }
}
