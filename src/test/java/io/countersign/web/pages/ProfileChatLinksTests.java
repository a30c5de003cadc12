package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.ChatTest;
import io.countersign.chat.TelegramBot;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.web.pages.admin.AdminBrowsing;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The profile's chat links: asking for a code shows it once with the message to send to the bot, the
 * code waiting is listed without it, a linked account is listed and removed; nobody removes another
 * person's link, and a forged form does nothing.
 */
@ChatTest
class ProfileChatLinksTests {

    static final Pattern COMMAND = Pattern.compile("/link ([A-Z2-9]{10})");

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    AdminBrowsing browsing;
    TelegramBot bot;

    @BeforeEach
    void start() throws Exception {
        browsing = new AdminBrowsing(mvc, api);
        bot = new TelegramBot(api, jdbc);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    @Test
    void aUserLinksTheirTelegramAccountWithTheCodeShownOnceAndRemovesIt() throws Exception {
        MockHttpSession user = browsing.as(Role.USER);
        assertThat(browsing.get(user, "/profile").getContentAsString())
                .contains("My chat links", "You have no chat links.", "Link a Telegram account");

        MockHttpServletResponse asked = browsing.post(user, "/profile/chat-links");
        String shown = browsing.follow(user, asked);
        Matcher command = COMMAND.matcher(shown);
        assertThat(command.find()).as("the page shows /link <code>").isTrue();
        String code = command.group(1);
        assertThat(shown).contains("Send this message to the Countersign bot in Telegram");

        String again = browsing.get(user, "/profile").getContentAsString();
        assertThat(again).contains("code not sent yet").doesNotContain(code);

        bot.write(7001, "/link " + code, null).expect(200);
        assertThat(bot.lastSent().get("text").asString()).startsWith("Linked to Countersign user");
        assertThat(browsing.get(user, "/profile").getContentAsString())
                .contains(">7001<", "aria-label=\"Remove chat link telegram-7001\"")
                .doesNotContain("code not sent yet");

        MockHttpServletResponse removed = browsing.post(user, "/profile/chat-links/telegram-7001/delete");
        assertThat(browsing.follow(user, removed)).contains("The chat link is removed.", "You have no chat links.");
    }

    @Test
    void nobodyRemovesAnotherPersonsLinkAndAForgedFormAsksForNoCode() throws Exception {
        MockHttpSession owner = browsing.as(Role.USER);
        String shown = browsing.follow(owner, browsing.post(owner, "/profile/chat-links"));
        Matcher command = COMMAND.matcher(shown);
        assertThat(command.find()).isTrue();
        bot.write(7002, "/link " + command.group(1), null).expect(200);

        MockHttpSession other = browsing.as(Role.USER);
        assertThat(browsing.post(other, "/profile/chat-links/telegram-7002/delete")
                        .getStatus())
                .isEqualTo(404);
        assertThat(browsing.get(owner, "/profile").getContentAsString()).contains(">7002<");

        assertThat(browsing.forged(other, "/profile/chat-links").getStatus()).isEqualTo(403);
        assertThat(browsing.get(other, "/profile").getContentAsString()).doesNotContain("code not sent yet");
    }

    @Test
    void withoutATelegramChannelNoLinkIsOfferedAndAskingForACodeIsRefused() throws Exception {
        TelegramBot.removeAll(api);
        MockHttpSession user = browsing.as(Role.USER);

        assertThat(browsing.get(user, "/profile").getContentAsString())
                .contains("An administrator has not set up Telegram, so no Telegram account can be linked yet.")
                .doesNotContain("Link a Telegram account");
        String refused = browsing.follow(user, browsing.post(user, "/profile/chat-links"));
        assertThat(refused)
                .contains("No link code was issued: an administrator has not set up Telegram.")
                .doesNotContain("Send this message to the Countersign bot", "code not sent yet");
        assertThat(COMMAND.matcher(refused).find()).isFalse();
    }
}
