package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.NotificationScene.Person;
import io.countersign.testing.Api;
import io.countersign.testing.AuditNotes;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Linking a Telegram account with {@code /link <code>}: only in a direct chat with the bot, never
 * moving an account that decides for one user over to another, and every refusal audited.
 */
@ChatTest
class TelegramLinkingTests {

    @Autowired
    NotificationScene scene;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditNotes audit;

    TelegramBot bot;
    Person lisa;
    Person sam;

    @BeforeEach
    void start() throws Exception {
        scene.startFresh();
        lisa = scene.person("lisa");
        sam = scene.person("sam");
        bot = new TelegramBot(api, jdbc);
    }

    @AfterEach
    void stop() {
        bot.close();
    }

    private List<String> linkedTo(Person person) {
        return jdbc.sql("select external_id from chat_links where user_id = ?")
                .param(person.id())
                .query(String.class)
                .list();
    }

    private List<String> audited(String action, Person person) {
        return jdbc.sql("select note from audit_events where action = ? and target = ? order by id")
                .params(action, "user:" + person.name())
                .query(String.class)
                .list();
    }

    /** Which Telegram account each row came from. */
    private List<String> sourcesOf(String action, Person person) {
        return jdbc.sql("select source_address from audit_events where action = ? and target = ? order by id")
                .params(action, "user:" + person.name())
                .query(String.class)
                .list();
    }

    @Test
    void aCodeSentInAGroupLinksNobodyIsSpentAndTheSenderIsToldToWriteToTheBot() {
        bot.release(5301);
        String code = bot.code(lisa);

        bot.writeInGroup(5301, -100200, "/link@countersign_bot " + code).expect(200);
        assertThat(bot.lastSentTo("-100200").get("text").asString())
                .startsWith("Not linked: send /link to the bot in a direct chat")
                .doesNotContain(code);
        assertThat(linkedTo(lisa)).isEmpty();
        assertThat(audited("chat.link_refused", lisa))
                .containsExactly("TELEGRAM user 5301: the code was sent in a group chat");

        bot.write(5301, "/link " + code, null).expect(200);
        assertThat(bot.lastSent().get("text").asString()).contains("unknown, used or expired");
        assertThat(linkedTo(lisa)).isEmpty();
        assertThat(audit.of("chat.link_refused"))
                .contains("TELEGRAM user 5301: the link code is unknown, used or expired");
        assertThat(audit.of("chat.decision_refused")).noneMatch(note -> note.contains("5301"));
    }

    @Test
    void aTelegramAccountLinkedToSomebodyElseIsRefusedUntilThatLinkIsRemoved() {
        bot.link(lisa, 5302);

        bot.write(5302, "/link " + bot.code(sam), null).expect(200);
        assertThat(bot.lastSent().get("text").asString())
                .startsWith("Not linked: this Telegram account is linked to another Countersign user.");
        assertThat(linkedTo(lisa)).containsExactly("5302");
        assertThat(linkedTo(sam)).isEmpty();
        assertThat(audited("chat.link_refused", sam))
                .containsExactly("TELEGRAM user 5302: the Telegram account is linked to user " + lisa.name());
        assertThat(sourcesOf("chat.link_refused", sam)).containsExactly("telegram:5302");
        assertThat(audited("chat.unlinked", lisa)).isEmpty();

        api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/chat-links/telegram-5302")
                .expect(204);
        bot.write(5302, "/link " + bot.code(sam), null).expect(200);
        assertThat(bot.lastSent().get("text").asString()).isEqualTo("Linked to Countersign user " + sam.name() + ".");
        assertThat(linkedTo(sam)).containsExactly("5302");
    }

    @Test
    void linkingAnotherAccountReplacesTheUsersEarlierOneAndAuditsBoth() {
        bot.link(lisa, 5303);
        bot.link(lisa, 5304);

        assertThat(linkedTo(lisa)).containsExactly("5304");
        assertThat(audited("chat.unlinked", lisa)).containsExactly("TELEGRAM user 5303");
        assertThat(audited("chat.linked", lisa)).containsExactly("TELEGRAM user 5303", "TELEGRAM user 5304");
        assertThat(sourcesOf("chat.linked", lisa)).containsExactly("telegram:5303", "telegram:5304");
        assertThat(sourcesOf("chat.unlinked", lisa)).containsExactly("telegram:5304");
    }

    @Test
    void aStrangerSendingCodesAgainAndAgainIsAuditedOnceAMinuteAndAnsweredAFewTimes() {
        // a stranger of this run only: the audit log outlives a test database's other tables
        long stranger = 7_000_000 + ThreadLocalRandom.current().nextInt(1_000_000);
        for (int i = 0; i < 20; i++) {
            bot.write(stranger, "/link AAAAAAAA" + i, null).expect(200);
        }

        String refusal = "TELEGRAM user " + stranger + ": the link code is unknown, used or expired";
        assertThat(audit.of("chat.link_refused"))
                .filteredOn(n -> n.startsWith(refusal))
                .containsExactly(refusal);
        assertThat(bot.platform.seen(TelegramBot.SEND)).hasSize(3);

        scene.advanceAndSettle(Duration.ofMinutes(1));
        bot.write(stranger, "/link AAAAAAAB", null).expect(200);

        assertThat(audit.of("chat.link_refused"))
                .filteredOn(n -> n.startsWith(refusal))
                .containsExactly(refusal, refusal + " (19 more like it since the last one recorded were not recorded)");
        assertThat(bot.platform.seen(TelegramBot.SEND)).hasSize(4);
        assertThat(bot.lastSent().get("text").asString()).contains("unknown, used or expired");
    }
}
