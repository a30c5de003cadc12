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
        var withCredentials = refused(slackChannel(slack, "https://user:secret@proxy.example/api"));
        var discord = refused(Map.of(
                "name",
                Api.unique("discord"),
                "type",
                "DISCORD",
                "webhookUrl",
                "https://discord.example:99999/api/webhooks/1/x"));
        var telegram = refused(telegramChannel(Api.unique("tg"), "1:a/../../x?"));

        assertThat(withCredentials.body()).contains("credentials_in_url").doesNotContain("secret@");
        assertThat(discord.body()).contains("webhookUrl", "invalid_url");
        assertThat(telegram.body()).contains("botToken", "invalid").doesNotContain("a/../../x");
        api.asAdmin().get("/api/v1/channels/" + slack).expect(404);
    }

    @Test
    void anApiBaseUrlWithAQueryOrAFragmentIsRefusedSinceTheMethodWouldBeAppendedInsideIt() {
        String slack = Api.unique("slack");
        var query = refused(slackChannel(slack, "http://127.0.0.1:9/slack?token=abc"));
        var fragment = refused(slackChannel(slack, "http://127.0.0.1:9/slack#part"));
        Map<String, Object> tg = telegramChannel(Api.unique("tg"), "1:abc");
        tg.put("apiBaseUrl", "http://127.0.0.1:9/tg?x=1");
        var telegram = refused(tg);

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
            var proxy = refused(slackChannel(slack, address + "api"));
            var teams =
                    refused(Map.of("name", Api.unique("teams"), "type", "TEAMS", "webhookUrl", address + "webhook"));

            assertThat(Api.issues(proxy)).as(address).containsExactly("apiBaseUrl:refused_address");
            assertThat(Api.issues(teams)).as(address).containsExactly("webhookUrl:refused_address");
            api.asAdmin().get("/api/v1/channels/" + slack).expect(404);
        }
    }

    @Test
    void aReplacementThatPointsAChannelAtALinkLocalAddressIsRefused() {
        String name = Api.unique("tg");
        Map<String, Object> channel = telegramChannel(name, "1:bot-token");
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

    /** The answer to creating the channel {@code body} describes, which must be a refusal. */
    private Api.Response refused(Map<String, ?> body) {
        return api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(400);
    }

    /** A Telegram channel with a usable chat and webhook secret, to which a test may add fields. */
    private static Map<String, Object> telegramChannel(String name, String botToken) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("name", name);
        channel.put("type", "TELEGRAM");
        channel.put("botToken", botToken);
        channel.put("chatId", "-1001");
        channel.put("webhookSecret", "hook_secret-of-sixteen");
        return channel;
    }
}
