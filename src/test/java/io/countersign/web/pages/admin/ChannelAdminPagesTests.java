package io.countersign.web.pages.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.ChatTest;
import io.countersign.chat.FakePlatform;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import tools.jackson.databind.JsonNode;

/**
 * The chat channels pages: add a channel whose secrets are never shown again, edit it keeping the
 * stored secrets by leaving them blank, send a test message that shows the platform's own refusal,
 * delete it; refused forms, other roles and forged forms change nothing.
 */
@ChatTest
class ChannelAdminPagesTests extends AdminPagesTestBase {

    static final String BOT_TOKEN = "xoxb-the-stored-bot-token";
    static final String SIGNING = "the-stored-signing-secret";
    static final String POST = "/chat.postMessage";

    FakePlatform slack;

    @BeforeEach
    void startTheChatPlatform() throws Exception {
        slack = new FakePlatform();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    @Test
    void aSlackChannelIsAddedEditedWithItsSecretsKeptTestedAndDeleted() throws Exception {
        String name = Api.unique("ops");

        MockHttpServletResponse created = browsing.post(
                admin,
                "/admin/channels",
                "name",
                name,
                "type",
                "SLACK",
                "botToken",
                BOT_TOKEN,
                "signingSecret",
                SIGNING,
                "channel",
                "C0123456789",
                "apiBaseUrl",
                slack.url());

        assertThat(created.getRedirectedUrl()).isEqualTo("/admin/channels");
        String list = browsing.follow(admin, created);
        assertThat(list)
                .contains("Channel " + name + " is created.", name, "SLACK", "channel C0123456789")
                .doesNotContain(BOT_TOKEN, SIGNING);
        String form = browsing.get(admin, "/admin/channels/" + name).getContentAsString();
        assertThat(form)
                .contains("value=\"C0123456789\"", "stored, blank keeps it")
                .doesNotContain(BOT_TOKEN, SIGNING);

        MockHttpServletResponse edited = browsing.post(
                admin,
                "/admin/channels/" + name,
                "botToken",
                "",
                "signingSecret",
                "",
                "channel",
                "C0999",
                "isDefault",
                "true",
                "apiBaseUrl",
                slack.url());
        assertThat(browsing.follow(admin, edited)).contains("Channel " + name + " is saved.", "channel C0999");
        JsonNode stored =
                api.asAdmin().get("/api/v1/channels/" + name).expect(200).json();
        assertThat(stored.get("channel").asString()).isEqualTo("C0999");
        assertThat(stored.get("default").asBoolean()).isTrue();
        assertThat(stored.get("botTokenSet").asBoolean()).isTrue();
        assertThat(stored.get("signingSecretSet").asBoolean()).isTrue();

        slack.answer(POST, 200, "{\"ok\":false,\"error\":\"channel_not_found\"}");
        MockHttpServletResponse tested = browsing.post(admin, "/admin/channels/" + name + "/test");
        assertThat(browsing.follow(admin, tested))
                .contains("was not sent. The platform said: Slack chat.postMessage: channel_not_found");
        List<FakePlatform.Seen> posts = slack.seen(POST);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).header("Authorization")).isEqualTo("Bearer " + BOT_TOKEN);
        assertThat(posts.get(0).json().get("channel").asString()).isEqualTo("C0999");

        slack.answer(POST, 200, "{\"ok\":true,\"channel\":\"C0999\",\"ts\":\"1.2\"}");
        MockHttpServletResponse sent = browsing.post(admin, "/admin/channels/" + name + "/test");
        assertThat(browsing.follow(admin, sent)).contains("A test message was sent through channel " + name + ".");

        MockHttpServletResponse deleted = browsing.post(admin, "/admin/channels/" + name + "/delete");
        assertThat(browsing.follow(admin, deleted)).contains("Channel " + name + " is deleted.");
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);
    }

    @Test
    void aRefusedChannelShowsItsProblemsKeepsNoSecretAndAddsNothing() throws Exception {
        String name = Api.unique("tg");

        MockHttpServletResponse refused = browsing.post(
                admin,
                "/admin/channels",
                "name",
                name,
                "type",
                "TELEGRAM",
                "botToken",
                "1:typed-bot-token",
                "webhookSecret",
                "not a valid secret!",
                "chatId",
                "general");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("id=\"chatId-error\"", "id=\"webhookSecret-error\"", "value=\"general\"", "value=\"" + name)
                .doesNotContain("1:typed-bot-token", "not a valid secret!");
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);

        MockHttpServletResponse noType = browsing.post(admin, "/admin/channels", "name", name, "type", "IRC");
        assertThat(noType.getStatus()).isEqualTo(400);
        assertThat(noType.getContentAsString()).contains("id=\"type-error\"");
    }

    @Test
    void anEditThatEmptiesARequiredFieldIsRefusedAndAnUnknownChannelIsNotFound() throws Exception {
        String name = Api.unique("tg");
        browsing.post(
                admin,
                "/admin/channels",
                "name",
                name,
                "type",
                "TELEGRAM",
                "botToken",
                "1:bot-token",
                "webhookSecret",
                "hook_secret-of-sixteen",
                "chatId",
                "-100200");

        MockHttpServletResponse refused = browsing.post(admin, "/admin/channels/" + name, "chatId", "");

        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("id=\"chatId-error\"", "Chat channel " + name);
        assertThat(api.asAdmin()
                        .get("/api/v1/channels/" + name)
                        .expect(200)
                        .json()
                        .get("chatId")
                        .asString())
                .isEqualTo("-100200");
        assertThat(browsing.get(admin, "/admin/channels/no-such-channel").getStatus())
                .isEqualTo(404);
        assertThat(browsing.post(admin, "/admin/channels/no-such-channel/test").getStatus())
                .isEqualTo(404);
    }

    @Test
    void onlyAnAdministratorChangesChannelsAndAForgedFormChangesNothing() throws Exception {
        String name = Api.unique("hook");
        MockHttpSession user = browsing.as(Role.USER);

        assertThat(browsing.post(
                                user,
                                "/admin/channels",
                                "name",
                                name,
                                "type",
                                "DISCORD",
                                "webhookUrl",
                                "https://x.example/h")
                        .getStatus())
                .isEqualTo(403);
        assertThat(browsing.forged(
                                admin,
                                "/admin/channels",
                                "name",
                                name,
                                "type",
                                "DISCORD",
                                "webhookUrl",
                                "https://x.example/h")
                        .getStatus())
                .isEqualTo(403);
        api.asAdmin().get("/api/v1/channels/" + name).expect(404);
    }
}
