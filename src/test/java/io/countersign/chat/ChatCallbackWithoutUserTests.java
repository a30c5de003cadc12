package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A signed call back that names no user (a Slack interaction without {@code user.id}, a Telegram
 * update without {@code from}) is no Slack or Telegram user's: it is answered as any that decides
 * nothing, and audited as a malformed call back of its channel, never as a user with an empty name.
 */
class ChatCallbackWithoutUserTests extends SlackDecisionFixture {

    private List<String> callbackRefusals(String ofChannel) {
        return jdbc.sql("select note from audit_events where action = 'chat.callback_refused' and target = ?"
                        + " order by id")
                .param("channel:" + ofChannel)
                .query(String.class)
                .list();
    }

    private List<String> emptyUserRows() {
        return jdbc.sql("select source_address from audit_events where source_address in ('slack:', 'telegram:')")
                .query(String.class)
                .list();
    }

    @Test
    void aSlackClickWithoutAUserIsAuditedAsMalformedAndDecidesNothing() throws Exception {
        String id = request();
        String token = token();
        for (Object user : new Object[] {Map.of(), Map.of("id", "")}) {
            Map<String, Object> click = new java.util.HashMap<>(clickPayload("approve_request", token));
            click.put("user", user);
            assertThat(send(click, clock.instant().getEpochSecond(), SIGNING).getStatus())
                    .isEqualTo(200);
        }
        Map<String, Object> noUser = new java.util.HashMap<>(clickPayload("approve_request", token));
        noUser.remove("user");
        assertThat(send(noUser, clock.instant().getEpochSecond(), SIGNING).getStatus())
                .isEqualTo(200);

        assertThat(request(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(platform.seen("/api/users.info")).isEmpty();
        assertThat(callbackRefusals(channel))
                .containsExactly("slack channel " + channel + ": malformed: names no user");
        assertThat(emptyUserRows()).isEmpty();
        assertThat(refusals()).noneMatch(note -> note.startsWith("SLACK user :"));
    }

    @Test
    void aTelegramClickOrReplyWithoutASenderIsAuditedAsMalformedAndDecidesNothing() throws Exception {
        try (TelegramBot bot = new TelegramBot(api, jdbc)) {
            bot.update(
                            TelegramBot.SECRET,
                            Map.of("callback_query", Map.of("id", "cb-x", "data", "a:" + "a".repeat(32))))
                    .expect(200);
            bot.update(
                            TelegramBot.SECRET,
                            Map.of(
                                    "message",
                                    Map.of(
                                            "message_id",
                                            901,
                                            "chat",
                                            Map.of("id", 5001, "type", "private"),
                                            "text",
                                            "no reason",
                                            "reply_to_message",
                                            Map.of("message_id", 77))))
                    .expect(200);

            assertThat(bot.platform.seen()).isEmpty();
            assertThat(callbackRefusals(bot.channel))
                    .containsExactly("telegram channel " + bot.channel + ": malformed: names no user");
            assertThat(emptyUserRows()).isEmpty();
            assertThat(refusals()).noneMatch(note -> note.startsWith("TELEGRAM user :"));
        }
    }
}
