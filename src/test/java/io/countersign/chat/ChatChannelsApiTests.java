package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.Api;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@ChatTest
class ChatChannelsApiTests {

    static final String BOT_TOKEN = "xoxb-secret-bot-token-1";
    static final String SIGNING_SECRET = "signing-secret-8c1f";

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    NotificationScene scene;

    FakePlatform slack;

    @AfterEach
    void stop() {
        if (slack != null) {
            slack.close();
        }
    }

    Map<String, Object> slackChannel(String name, String apiBaseUrl) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", "SLACK");
        body.put("botToken", BOT_TOKEN);
        body.put("signingSecret", SIGNING_SECRET);
        body.put("channel", "C0123456789");
        body.put("directMessages", false);
        body.put("apiBaseUrl", apiBaseUrl);
        return body;
    }

    @Test
    void aSavedChannelIsShownWithoutItsSecretsAndStoresThemEncrypted() {
        String name = Api.unique("ops");
        var created = api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        var read = api.asAdmin().get("/api/v1/channels/" + name).expect(200);
        var listed = api.asAdmin().get("/api/v1/channels").expect(200);

        for (var response : java.util.List.of(created, read, listed)) {
            assertThat(response.body()).doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET);
        }
        JsonNode json = read.json();
        assertThat(json.get("type").asString()).isEqualTo("SLACK");
        assertThat(json.get("channel").asString()).isEqualTo("C0123456789");
        assertThat(json.get("botTokenSet").asBoolean()).isTrue();
        assertThat(json.get("signingSecretSet").asBoolean()).isTrue();
        assertThat(json.get("default").asBoolean()).isFalse();
        String stored = jdbc.sql("select bot_token || signing_secret from chat_channels where name = ?")
                .param(name)
                .query(String.class)
                .single();
        assertThat(stored).doesNotContain(BOT_TOKEN).doesNotContain(SIGNING_SECRET);
    }

    @Test
    void aSecretSealedWithAnotherKeyReadsAsNoneAndTheChannelCanBeSavedAgainWithIt() {
        String name = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        SecretCipher previousKey = new SecretCipher(new EncryptionProperties(
                Base64.getEncoder().encodeToString("the-key-before-it-was-rotated-32".getBytes()), null));
        jdbc.sql("update chat_channels set bot_token = ? where name = ?")
                .params(previousKey.encrypt(BOT_TOKEN, "chat_channels:" + name + ":bot_token"), name)
                .update();

        var read = api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(read.get("botTokenSet").asBoolean()).isFalse();
        assertThat(read.get("signingSecretSet").asBoolean()).isTrue();
        assertThat(api.asAdmin().get("/actuator/health/secrets").status()).isEqualTo(503);

        api.asAdmin()
                .put("/api/v1/channels/" + name, Api.json(slackChannel(name, null)))
                .expect(200);

        assertThat(api.asAdmin()
                        .get("/api/v1/channels/" + name)
                        .expect(200)
                        .json()
                        .get("botTokenSet")
                        .asBoolean())
                .isTrue();
        api.asAdmin().get("/actuator/health/secrets").expect(200);
    }

    @Test
    void aReplacementWithoutSecretsKeepsTheStoredOnes() {
        String name = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        JsonNode asRead =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();

        Map<String, Object> replacement = Api.JSON_READER.convertValue(asRead, Map.class);
        replacement.put("channel", "C999");
        replacement.put("default", true);
        api.asAdmin().put("/api/v1/channels/" + name, Api.json(replacement)).expect(200);

        JsonNode after =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(after.get("channel").asString()).isEqualTo("C999");
        assertThat(after.get("default").asBoolean()).isTrue();
        assertThat(after.get("botTokenSet").asBoolean()).isTrue();
        assertThat(after.get("signingSecretSet").asBoolean()).isTrue();
    }

    @Test
    void aReplacementResetsEveryFieldItLeavesOutButKeepsTheSecrets() {
        String name = Api.unique("ops");
        Map<String, Object> created = slackChannel(name, "http://127.0.0.1:9/proxy");
        created.put("default", true);
        created.put("directMessages", true);
        api.asAdmin().post("/api/v1/channels", Api.json(created)).expect(201);

        api.asAdmin()
                .put("/api/v1/channels/" + name, Api.json(Map.of("type", "SLACK", "channel", "C0999999999")))
                .expect(200);

        JsonNode after =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(after.get("channel").asString()).isEqualTo("C0999999999");
        assertThat(after.get("default").asBoolean()).isFalse();
        assertThat(after.get("directMessages").asBoolean()).isFalse();
        assertThat(after.path("apiBaseUrl").isMissingNode()
                        || after.get("apiBaseUrl").isNull())
                .isTrue();
        assertThat(after.get("botTokenSet").asBoolean()).isTrue();
        assertThat(after.get("signingSecretSet").asBoolean()).isTrue();
    }

    @Test
    void aChannelWithoutWhatItsPlatformNeedsIsRefusedWithEveryProblemAndNothingIsSaved() {
        String name = Api.unique("tg");
        var refused = api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                name,
                                "type",
                                "TELEGRAM",
                                "chatId",
                                "not a chat",
                                "webhookSecret",
                                "no spaces")))
                .expect(400);

        assertThat(refused.json()
                        .get("errors")
                        .valueStream()
                        .map(e -> e.get("field").asString()))
                .contains("botToken", "chatId", "webhookSecret");
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);
    }

    @Test
    void aNewTelegramWebhookSecretIsSixteenToTwoHundredFiftySixOfTelegramsCharacters() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Api.unique("tg"));
        body.put("type", "TELEGRAM");
        body.put("botToken", "1:bot-token");
        body.put("chatId", "-1001");
        body.put("webhookSecret", "fifteen-chars-x");

        var refused = api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(400);
        assertThat(Api.issues(refused)).containsExactly("webhookSecret:invalid");
        assertThat(refused.body()).contains("must be 16 to 256 characters").doesNotContain("fifteen-chars-x");

        body.put("webhookSecret", "sixteen-chars-xy");
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
    }

    @Test
    void addressesWithCredentialsOrUnusablePortsAndBotTokensThatWouldChangeThePathAreRefused() {
        String slack = Api.unique("slack");
        var withCredentials = api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(slack, "https://user:secret@proxy.example/api")))
                .expect(400);
        var discord = api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                Api.unique("discord"),
                                "type",
                                "DISCORD",
                                "webhookUrl",
                                "https://discord.example:99999/api/webhooks/1/x")))
                .expect(400);
        var telegram = api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                Api.unique("tg"),
                                "type",
                                "TELEGRAM",
                                "botToken",
                                "1:a/../../x?",
                                "chatId",
                                "-1001",
                                "webhookSecret",
                                "hook_secret-of-sixteen")))
                .expect(400);

        assertThat(withCredentials.body()).contains("credentials_in_url").doesNotContain("secret@");
        assertThat(discord.body()).contains("webhookUrl", "invalid_url");
        assertThat(telegram.body()).contains("botToken", "invalid").doesNotContain("a/../../x");
        api.asAdmin().get("/api/v1/channels/" + slack).expect(404);
    }

    @Test
    void aPolicyStepNamesOnlyChannelsThatExistAndAChannelItNamesCannotBeDeleted() {
        String name = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, null)))
                .expect(201);
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("name", Api.unique("policy"));
        policy.put("conditions", Map.of("resourceName", Api.unique("db")));
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("approvers", java.util.List.of(Map.of("user", "admin")));
        step.put("notify", java.util.List.of("no-such-channel"));
        policy.put("steps", java.util.List.of(step));

        var refused = api.asAdmin().post("/api/v1/policies", Api.json(policy)).expect(400);
        assertThat(refused.body()).contains("steps[0].notify[0]").contains("unknown_channel");

        step.put("notify", java.util.List.of(name));
        step.put("allowedDecisionChannels", java.util.List.of("WEB"));
        JsonNode saved = api.asAdmin()
                .post("/api/v1/policies", Api.json(policy))
                .expect(201)
                .json();
        assertThat(saved.get("steps").get(0).get("notify").get(0).asString()).isEqualTo(name);
        assertThat(saved.get("steps")
                        .get(0)
                        .get("allowedDecisionChannels")
                        .get(0)
                        .asString())
                .isEqualTo("WEB");

        assertThat(api.asAdmin().delete("/api/v1/channels/" + name).expect(409).body())
                .contains((String) policy.get("name"));
    }

    @Test
    void theTestMessageAnswersSlacksOwnError() throws Exception {
        slack = new FakePlatform()
                .answer("/api/chat.postMessage", 200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
        String name = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(name, slack.url() + "/api")))
                .expect(201);

        JsonNode result = api.asAdmin()
                .post("/api/v1/channels/" + name + "/test", "")
                .expect(200)
                .json();

        assertThat(result.get("sent").asBoolean()).isFalse();
        assertThat(result.get("error").asString()).contains("channel_not_found");
        FakePlatform.Seen call = slack.seen("/api/chat.postMessage").get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + BOT_TOKEN);
        assertThat(call.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(call.json().get("channel").asString()).isEqualTo("C0123456789");
    }

    @Test
    void theTestMessageSaysInWordsWhyThePlatformCouldNotBeReachedOrNotBeRead() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        slack = new FakePlatform().answer("/api/chat.postMessage", 200, "<html>502 Bad Gateway</html>");
        String unreachable = Api.unique("ops");
        String proxied = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(unreachable, "http://127.0.0.1:" + closed + "/api")))
                .expect(201);
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(proxied, slack.url() + "/api")))
                .expect(201);

        assertThat(api.asAdmin()
                        .post("/api/v1/channels/" + unreachable + "/test", "")
                        .expect(200)
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("Slack chat.postMessage: could not reach the platform: connection refused");
        assertThat(api.asAdmin()
                        .post("/api/v1/channels/" + proxied + "/test", "")
                        .expect(200)
                        .json()
                        .get("error")
                        .asString())
                .isEqualTo("Slack chat.postMessage: the answer was not JSON, such as a proxy's error page");
    }

    @Test
    void theTestMessageOffersNoButtonToARequestPageSinceItIsAboutNone() throws Exception {
        slack = new FakePlatform()
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C0123456789\",\"ts\":\"1.1\"}")
                .answer(
                        "/bot5:bot-token/sendMessage",
                        200,
                        "{\"ok\":true,\"result\":{\"message_id\":1,\"chat\":{\"id\":-1001}}}");
        String slackChannel = Api.unique("ops");
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(slackChannel, slack.url() + "/api")))
                .expect(201);
        String telegram = Api.unique("tg");
        api.asAdmin()
                .post(
                        "/api/v1/channels",
                        Api.json(Map.of(
                                "name",
                                telegram,
                                "type",
                                "TELEGRAM",
                                "botToken",
                                "5:bot-token",
                                "chatId",
                                "-1001",
                                "webhookSecret",
                                "hook_secret-of-sixteen",
                                "apiBaseUrl",
                                slack.url())))
                .expect(201);

        for (String name : java.util.List.of(slackChannel, telegram)) {
            assertThat(api.asAdmin()
                            .post("/api/v1/channels/" + name + "/test", "")
                            .expect(200)
                            .json()
                            .get("sent")
                            .asBoolean())
                    .isTrue();
        }

        JsonNode posted = slack.seen("/api/chat.postMessage").get(0).json();
        assertThat(posted.toString()).contains("Countersign test message").doesNotContain("/requests/", "button");
        JsonNode sent = slack.seen("/bot5:bot-token/sendMessage").get(0).json();
        assertThat(sent.get("text").asString())
                .startsWith("Countersign test message")
                .doesNotContain("/requests/");
        assertThat(sent.has("reply_markup")).isFalse();
    }

    @Test
    void aStepThatMayBeDecidedOnlyOnTheWebRefusesADecisionThroughTheApiAndChangesNothing() {
        scene.startFresh();
        var dev = scene.person("dev");
        var lisa = scene.person("lisa");
        Map<String, Object> step = NotificationScene.step(1, lisa);
        step.put("allowedDecisionChannels", java.util.List.of("WEB"));
        String id = scene.pending(dev, java.util.List.of(step));

        var refused = api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", Api.json(Map.of("comment", "ok")))
                .expect(403);

        assertThat(refused.body())
                .contains(
                        "Step 1 of request " + id + " may not be decided through API; it may be decided through WEB.");
        JsonNode request =
                api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
        assertThat(request.get("status").asString()).isEqualTo("PENDING");
        assertThat(request.get("decisions")).isEmpty();
    }

    @Test
    void channelsAreForAdministratorsOnly() {
        api.anonymous().get("/api/v1/channels").expect(401);
    }
}
