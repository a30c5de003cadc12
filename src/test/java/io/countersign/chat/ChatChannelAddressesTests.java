package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The addresses a chat channel posts to, checked when it is saved or replaced: no credentials, usable ports, no query or fragment where a method is appended, never a link-local address. */
class ChatChannelAddressesTests extends ChatChannelsApiFixture {

    @Autowired
    NotificationScene scene;

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
    void anApiBaseUrlWithAQueryOrAFragmentIsRefusedSinceTheMethodWouldBeAppendedInsideIt() {
        String slack = Api.unique("slack");
        var query = api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(slack, "http://127.0.0.1:9/slack?token=abc")))
                .expect(400);
        var fragment = api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(slack, "http://127.0.0.1:9/slack#part")))
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
                                "1:abc",
                                "chatId",
                                "-1001",
                                "webhookSecret",
                                "hook_secret-of-sixteen",
                                "apiBaseUrl",
                                "http://127.0.0.1:9/tg?x=1")))
                .expect(400);

        for (var refused : List.of(query, fragment, telegram)) {
            assertThat(refused.json().get("errors").toString())
                    .contains("apiBaseUrl", "query_or_fragment_in_url")
                    .doesNotContain("token=abc");
        }
        api.asAdmin().get("/api/v1/channels/" + slack).expect(404);
        api.asAdmin()
                .post("/api/v1/channels", Api.json(slackChannel(slack, "http://127.0.0.1:9/slack/api/")))
                .expect(201);
        api.asAdmin()
                .put("/api/v1/channels/" + slack, Api.json(slackChannel(slack, "http://127.0.0.1:9/slack?token=abc")))
                .expect(400);
        api.asAdmin().delete("/api/v1/channels/" + slack).expect(204);
    }

    @Test
    void linkLocalAndUnspecifiedAddressesAreRefusedForEveryAddressAChannelPostsTo() {
        for (String address : List.of(
                "http://169.254.169.254/",
                "https://[fe80::1]:8443/",
                "http://[::ffff:169.254.169.254]/",
                "http://[64:ff9b::a9fe:a9fe]/",
                "http://0.0.0.0/")) {
            String slack = Api.unique("slack");
            var proxy = api.asAdmin()
                    .post("/api/v1/channels", Api.json(slackChannel(slack, address + "api")))
                    .expect(400);
            var teams = api.asAdmin()
                    .post(
                            "/api/v1/channels",
                            Api.json(Map.of(
                                    "name", Api.unique("teams"), "type", "TEAMS", "webhookUrl", address + "webhook")))
                    .expect(400);

            assertThat(Api.issues(proxy)).as(address).containsExactly("apiBaseUrl:refused_address");
            assertThat(Api.issues(teams)).as(address).containsExactly("webhookUrl:refused_address");
            api.asAdmin().get("/api/v1/channels/" + slack).expect(404);
        }
    }

    @Test
    void aReplacementThatPointsAChannelAtALinkLocalAddressIsRefused() {
        String name = Api.unique("tg");
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("name", name);
        channel.put("type", "TELEGRAM");
        channel.put("botToken", "1:bot-token");
        channel.put("chatId", "-1001");
        channel.put("webhookSecret", "hook_secret-of-sixteen");
        api.asAdmin().post("/api/v1/channels", Api.json(channel)).expect(201);

        channel.put("apiBaseUrl", "http://[fe80::a9fe:a9fe]/bot");
        var refused =
                api.asAdmin().put("/api/v1/channels/" + name, Api.json(channel)).expect(400);

        assertThat(Api.issues(refused)).containsExactly("apiBaseUrl:refused_address");
        JsonNode after =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(after.hasNonNull("apiBaseUrl"))
                .as("the stored channel is unchanged")
                .isFalse();
    }
}
