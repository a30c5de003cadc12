package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import io.countersign.testing.Api;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Reading chat channels through the API, which shows whether each secret is set but never the secret,
 * and the test message, which answers with the platform's own verdict.
 */
class ChatChannelReadingApiTests extends ChatChannelsApiFixture {

    @Autowired
    JdbcClient jdbc;

    FakePlatform slack;

    @AfterEach
    void stop() {
        if (slack != null) {
            slack.close();
        }
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
    void aSlackChannelOfDirectMessagesOnlySendsItsTestMessageToTheCallerFoundByTheirEmail() throws Exception {
        slack = new FakePlatform()
                .answer("/api/users.lookupByEmail", 200, "{\"ok\":true,\"user\":{\"id\":\"U9\"}}")
                .answer("/api/conversations.open", 200, "{\"ok\":true,\"channel\":{\"id\":\"D9\"}}")
                .answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"D9\",\"ts\":\"9.9\"}");
        String name = Api.unique("dm");
        Map<String, Object> body = slackChannel(name, slack.url() + "/api");
        body.remove("channel");
        body.put("directMessages", true);
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
        String caller = api.tokenHolder("boss", "ADMIN");

        JsonNode result = api.as(caller)
                .post("/api/v1/channels/" + name + "/test", "")
                .expect(200)
                .json();

        assertThat(result.get("sent").asBoolean()).isTrue();
        assertThat(slack.seen("/api/users.lookupByEmail").get(0).body())
                .startsWith("email=boss")
                .endsWith("%40example.com");
        List<FakePlatform.Seen> posts = slack.seen("/api/chat.postMessage");
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).json().get("channel").asString()).isEqualTo("D9");
        assertThat(posts.get(0).json().toString()).contains("Countersign test message");
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
    void theTestMessageNeverRepeatsTheSecretOfTheBotTokenThatTelegramQuoted() throws Exception {
        slack = new FakePlatform()
                .answer(
                        "/bot123456:TGSECRETBOTTOKEN/sendMessage",
                        400,
                        "{\"ok\":false,\"description\":\"Unauthorized TGSECRETBOTTOKEN\"}");
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
                                "123456:TGSECRETBOTTOKEN",
                                "chatId",
                                "-1001",
                                "webhookSecret",
                                "hook_secret-of-sixteen",
                                "apiBaseUrl",
                                slack.url())))
                .expect(201);

        JsonNode result = api.asAdmin()
                .post("/api/v1/channels/" + telegram + "/test", "")
                .expect(200)
                .json();

        assertThat(result.get("sent").asBoolean()).isFalse();
        assertThat(result.get("error").asString()).isEqualTo("Telegram sendMessage answered 400");
    }
}
