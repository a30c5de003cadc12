package io.countersign.chat;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import io.countersign.testing.AuditNotes;
import io.countersign.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * Approving inside Slack: an approver's direct message carries buttons holding an action token; a
 * signed click decides, Reject asks for the reason in a modal, and every interaction that decides
 * nothing is refused, audited and answered with an ephemeral message.
 */
@ChatTest
class SlackDecisionTests {

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

    @Autowired
    MeterRegistry meters;

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

    private void profile(String email) {
        platform.answer(
                "/api/users.info",
                200,
                "{\"ok\":true,\"user\":{\"id\":\"U1\",\"profile\":{\"email\":\"" + email + "\"}}}");
    }

    private String request() {
        Map<String, Object> first = step(1, lisa);
        first.put("notify", List.of(channel));
        String id = scene.pending(dev, List.of(first));
        scene.awaitNothingDue();
        return id;
    }

    private String token() {
        List<FakePlatform.Seen> posts = platform.seen("/api/chat.postMessage");
        JsonNode elements =
                posts.get(posts.size() - 1).json().get("blocks").get(2).get("elements");
        assertThat(elements.get(0).get("action_id").asString()).isEqualTo("approve_request");
        assertThat(elements.get(1).get("action_id").asString()).isEqualTo("reject_request");
        assertThat(elements.get(1).get("value").asString())
                .isEqualTo(elements.get(0).get("value").asString());
        return elements.get(0).get("value").asString();
    }

    private MockHttpServletResponse send(Map<String, Object> payload, long timestamp, String secret) throws Exception {
        return sendRaw("payload=" + URLEncoder.encode(Api.json(payload), StandardCharsets.UTF_8), timestamp, secret);
    }

    /** Signs {@code body} as it stands, byte for byte, and posts it. */
    private MockHttpServletResponse sendRaw(String body, long timestamp, String secret) throws Exception {
        return sendSigned(body, body, timestamp, secret);
    }

    private MockHttpServletResponse sendSigned(String signedBody, String body, long timestamp, String secret)
            throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0="
                + HexFormat.of()
                        .formatHex(
                                mac.doFinal(("v0:" + timestamp + ":" + signedBody).getBytes(StandardCharsets.UTF_8)));
        return mvc.perform(post("/chat/slack/" + channel + "/interactions")
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .header("X-Slack-Request-Timestamp", String.valueOf(timestamp))
                        .header("X-Slack-Signature", signature)
                        .content(body))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse click(String action, String token) throws Exception {
        return send(clickPayload(action, token), clock.instant().getEpochSecond(), SIGNING);
    }

    private Map<String, Object> clickPayload(String action, String token) {
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

    private String lastEphemeral() {
        List<FakePlatform.Seen> answers = platform.seen("/respond");
        JsonNode last = answers.get(answers.size() - 1).json();
        assertThat(last.get("response_type").asString()).isEqualTo("ephemeral");
        return last.get("text").asString();
    }

    private JsonNode request(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    private double refusedCount(String reason) {
        var counter = meters.find("countersign.chat.callbacks.refused")
                .tags("platform", "slack", "reason", reason)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    /** This test's channel's refused call backs, as audited. */
    private List<String> callbackRefusals() {
        return jdbc.sql("select note from audit_events where action = 'chat.callback_refused' and target = ?"
                        + " order by id")
                .param("channel:" + channel)
                .query(String.class)
                .list();
    }

    private List<String> refusals() {
        return audit.of("chat.decision_refused");
    }

    @Test
    void aSignedClickApprovesAndAReplayedClickIsRefused() throws Exception {
        String id = request();
        String token = token();

        assertThat(click("approve_request", token).getStatus()).isEqualTo(200);
        assertThat(request(id).get("status").asString()).isEqualTo("APPROVED");
        JsonNode decision = request(id).get("decisions").get(0);
        assertThat(decision.get("channel").asString()).isEqualTo("SLACK");
        assertThat(decision.get("approver").asString()).isEqualTo(lisa.name());
        assertThat(lastEphemeral()).isEqualTo("Approved " + id + ".");
        assertThat(platform.seen("/api/users.info").get(0).body()).isEqualTo("user=U1");

        click("approve_request", token);
        assertThat(lastEphemeral()).contains("already used");
        assertThat(refusals()).anyMatch(note -> note.contains("U1") && note.contains("already used"));
    }

    @Test
    void theSignatureCoversTheBodyAsSentWhateverItsPercentEncoding() throws Exception {
        String id = request();
        String token = token();
        // as other encoders write it: %2A for *, %20 for a space, where Java's would write * and +
        String body = "payload="
                + URLEncoder.encode(Api.json(clickPayload("approve_request", token)), StandardCharsets.UTF_8)
                        .replace("%2C", "%2C%20")
                + "&note=%2ARequester%2A%20here";
        long now = clock.instant().getEpochSecond();

        MockHttpServletResponse tampered =
                sendSigned(body, body.replace("%2ARequester%2A", "%2AOther%2A"), now, SIGNING);
        assertThat(tampered.getStatus()).isEqualTo(401);
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        assertThat(sendRaw(body, now, SIGNING).getStatus()).isEqualTo(200);
        assertThat(request(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void rejectOpensAModalAndItsSubmissionRejectsWithTheReason() throws Exception {
        String id = request();
        String token = token();

        click("reject_request", token);
        JsonNode opened = platform.seen("/api/views.open").get(0).json();
        assertThat(opened.get("trigger_id").asString()).isEqualTo("trig-1");
        assertThat(opened.get("view").get("private_metadata").asString()).isEqualTo(token);
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("callback_id", "reject_request");
        view.put("private_metadata", token);
        view.put("state", Map.of("values", Map.of("reason", Map.of("reason", Map.of("value", "change freeze")))));
        MockHttpServletResponse answer = send(
                Map.of("type", "view_submission", "user", Map.of("id", "U1"), "view", view),
                clock.instant().getEpochSecond(),
                SIGNING);
        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getContentAsString()).isEmpty();
        assertThat(request(id).get("status").asString()).isEqualTo("REJECTED");
        assertThat(request(id).get("decisions").get(0).get("comment").asString())
                .isEqualTo("change freeze");

        MockHttpServletResponse again = send(
                Map.of("type", "view_submission", "user", Map.of("id", "U1"), "view", view),
                clock.instant().getEpochSecond(),
                SIGNING);
        assertThat(again.getContentAsString())
                .contains("\"response_action\":\"errors\"")
                .contains("already used");
    }

    private MockHttpServletResponse submit(String token, String reason) throws Exception {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("callback_id", "reject_request");
        view.put("private_metadata", token);
        view.put("state", Map.of("values", Map.of("reason", Map.of("reason", Map.of("value", reason)))));
        return send(
                Map.of("type", "view_submission", "user", Map.of("id", "U1"), "view", view),
                clock.instant().getEpochSecond(),
                SIGNING);
    }

    @Test
    void aReasonThatBreaksTheRulesOfEveryCommentIsShownUnderItAndDecidesNothing() throws Exception {
        String id = request();
        String token = token();

        click("reject_request", token);
        JsonNode input = platform.seen("/api/views.open")
                .get(0)
                .json()
                .get("view")
                .get("blocks")
                .get(0)
                .get("element");
        assertThat(input.get("max_length").asInt()).isEqualTo(2000);

        MockHttpServletResponse tooLong = submit(token, "x".repeat(2001));
        assertThat(tooLong.getStatus()).isEqualTo(200);
        assertThat(tooLong.getContentType()).startsWith("application/json");
        JsonNode errors = Api.JSON_READER.readTree(tooLong.getContentAsString());
        assertThat(errors.get("response_action").asString()).isEqualTo("errors");
        assertThat(errors.get("errors").get("reason").asString())
                .isEqualTo("Not rejected: the reason must be at most 2000 characters.");
        MockHttpServletResponse override = submit(token, "see INC-\u202E321");
        assertThat(override.getStatus()).isEqualTo(200);
        assertThat(Api.JSON_READER
                        .readTree(override.getContentAsString())
                        .get("errors")
                        .get("reason")
                        .asString())
                .contains("U+202E");
        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");

        assertThat(submit(token, "change freeze").getStatus()).isEqualTo(200);
        assertThat(request(id).get("status").asString()).isEqualTo("REJECTED");
    }

    @Test
    void rejectOnAButtonThatCanDecideNothingAnymoreSaysSoWithoutOpeningTheDialog() throws Exception {
        String id = request();
        String token = token();
        scene.approve(lisa, id);
        scene.awaitNothingDue();

        click("reject_request", token);

        assertThat(platform.seen("/api/views.open")).isEmpty();
        assertThat(lastEphemeral()).isEqualTo("Nothing was decided: the request is no longer pending.");
        assertThat(refusals()).anyMatch(note -> note.contains("U1") && note.contains("no longer pending"));
    }

    @Test
    void aBadSignatureAndAnOldTimestampDecideNothingAndAreAnsweredAlikeAndAuditedOnceAMinute() throws Exception {
        String id = request();
        String token = token();
        int audited = refusals().size();
        double counted = refusedCount("bad_signature");

        long now = clock.instant().getEpochSecond();
        MockHttpServletResponse forged = send(clickPayload("approve_request", token), now, "not-the-secret");
        assertThat(forged.getStatus()).isEqualTo(401);
        assertThat(forged.getContentAsString()).contains("Refused").doesNotContain("not-the-secret");
        MockHttpServletResponse old = send(clickPayload("approve_request", token), now - 301, SIGNING);
        assertThat(old.getStatus()).isEqualTo(401);
        assertThat(old.getContentAsString()).isEqualTo(forged.getContentAsString());
        // an old forgery is a forgery: its timestamp is not the signer's
        send(clickPayload("approve_request", token), now - 301, "not-the-secret");
        send(clickPayload("approve_request", token), now, "not-the-secret");

        assertThat(callbackRefusals())
                .containsExactly(
                        "slack channel " + channel + ": bad signature",
                        "slack channel " + channel + ": timestamp more than five minutes away");
        clock.advance(java.time.Duration.ofSeconds(61));
        send(clickPayload("approve_request", token), clock.instant().getEpochSecond(), "not-the-secret");
        assertThat(callbackRefusals())
                .last()
                .isEqualTo("slack channel " + channel
                        + ": bad signature (2 more like it since the last one recorded were not recorded)");
        assertThat(refusedCount("bad_signature") - counted).isEqualTo(4.0);

        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(platform.seen("/respond")).isEmpty();
        assertThat(platform.seen("/api/users.info")).isEmpty();
        assertThat(refusals()).hasSize(audited);
    }

    @Test
    void anInteractionForAChannelThatDoesNotExistOrIsNotSlackIsRefusedLikeAForgedOne() throws Exception {
        String body = "payload=%7B%7D";
        long now = clock.instant().getEpochSecond();
        String forged = send(Map.of(), now, "not-the-secret").getContentAsString();
        String teams = Api.unique("teams");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of("name", teams, "type", "TEAMS", "webhookUrl", platform.url() + "/teams")))
                .expect(201);

        for (String other : List.of("no-such-" + channel, teams)) {
            MockHttpServletResponse refused = mvc.perform(post("/chat/slack/" + other + "/interactions")
                            .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                            .header("X-Slack-Request-Timestamp", String.valueOf(now))
                            .header("X-Slack-Signature", "v0=00")
                            .content(body))
                    .andReturn()
                    .getResponse();
            assertThat(refused.getStatus()).isEqualTo(401);
            assertThat(refused.getContentAsString()).isEqualTo(forged);
        }
        assertThat(jdbc.sql(
                                "select count(*) from audit_events where action = 'chat.callback_refused'"
                                        + " and target = 'channel:unknown' and note like 'slack channel unknown: no such channel%'")
                        .query(Integer.class)
                        .single())
                .isPositive();
    }

    @Test
    void aNonApproverAndAnUnknownSlackUserAreRefusedAuditedAndTold() throws Exception {
        String id = request();
        String token = token();

        profile(mark.name() + "@example.com");
        click("approve_request", token);
        assertThat(lastEphemeral()).contains("sent to somebody else");

        profile("stranger@elsewhere.example");
        click("approve_request", token);
        assertThat(lastEphemeral()).contains("not that of exactly one active Countersign user");

        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(refusals())
                .anyMatch(note -> note.contains("somebody else"))
                .anyMatch(note -> note.contains("exactly one"));
    }
}
