package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
import io.countersign.shared.secrets.EncryptionProperties;
import io.countersign.shared.secrets.SecretCipher;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A channel whose credential was sealed with another encryption key (the key was rotated, and the
 * channel not yet saved again) sends nothing at all: neither a Slack call with an empty bearer token nor
 * a Telegram one to a bot without a token, which would still hand the request's details to whatever
 * answers there. The delivery fails and is retried, so the message goes out once the channel is saved
 * again with its credential.
 */
class UnreadableChatCredentialTests extends ChatDeliveryFixture {

    static final SecretCipher PREVIOUS_KEY = new SecretCipher(new EncryptionProperties(
            Base64.getEncoder().encodeToString("the-key-before-it-was-rotated-32".getBytes()), null));

    @Autowired
    SecretCipher currentKey;

    /** What each test sealed with the previous key, to seal again with the current one afterwards. */
    private final List<String[]> sealed = new ArrayList<>();

    /**
     * The database is shared with the other tests, and a credential this instance cannot read turns
     * the {@code secrets} health component down for all of them.
     */
    @AfterEach
    void sealAgainWithTheCurrentKey() {
        sealed.forEach(entry -> seal(currentKey, entry[0], entry[1], entry[2]));
    }

    @Test
    void aSlackChannelWhoseBotTokenCannotBeReadCallsNothingAndIsRetried() {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}");
        String name = slackChannelPostingTo("C1");
        sealedWithThePreviousKey(name, "bot_token", "xoxb-1");

        String request = requestNotifying(name);

        awaitAttempted(request, "SLACK");
        assertThat(platform.seen()).isEmpty();
        assertThat(delivery(request, "SLACK", "state")).isEqualTo("PENDING");
        assertThat(delivery(request, "SLACK", "last_error"))
                .isEqualTo("SLACK channel " + name + ": its bot token cannot be read with this instance's"
                        + " encryption key; save the channel again with it");
    }

    @Test
    void aTelegramChannelWhoseBotTokenCannotBeReadCallsNothing() {
        String name = telegramChannel();
        sealedWithThePreviousKey(name, "bot_token", "7:bot-token");

        String request = requestNotifying(name);

        awaitAttempted(request, "TELEGRAM");
        assertThat(platform.seen()).isEmpty();
        assertThat(delivery(request, "TELEGRAM", "last_error")).contains("its bot token cannot be read");
    }

    @Test
    void teamsAndDiscordChannelsWhoseWebhookUrlCannotBeReadFailSayingSo() {
        String discord = channel(Map.of("type", "DISCORD", "webhookUrl", platform.url() + "/api/webhooks/1/abc"));
        String teams = channel(Map.of("type", "TEAMS", "webhookUrl", platform.url() + "/workflows/run"));
        sealedWithThePreviousKey(discord, "webhook_url", platform.url() + "/api/webhooks/1/abc");
        sealedWithThePreviousKey(teams, "webhook_url", platform.url() + "/workflows/run");

        String toDiscord = requestNotifying(discord);
        String toTeams = requestNotifying(teams);

        awaitAttempted(toDiscord, "DISCORD");
        awaitAttempted(toTeams, "TEAMS");
        assertThat(platform.seen()).isEmpty();
        assertThat(delivery(toDiscord, "DISCORD", "last_error")).contains("its webhook URL cannot be read");
        assertThat(delivery(toTeams, "TEAMS", "last_error")).contains("its webhook URL cannot be read");
    }

    @Test
    void theTestMessageOfAChannelWhoseBotTokenCannotBeReadSaysSoAndCallsNothing() {
        String name = slackChannelPostingTo("C1");
        sealedWithThePreviousKey(name, "bot_token", "xoxb-1");

        var result = api.asAdmin()
                .post("/api/v1/channels/" + name + "/test", "")
                .expect(200)
                .json();

        assertThat(result.get("sent").asBoolean()).isFalse();
        assertThat(result.get("error").asString()).contains("its bot token cannot be read");
        assertThat(platform.seen()).isEmpty();
    }

    private void sealedWithThePreviousKey(String channel, String column, String secret) {
        sealed.add(new String[] {channel, column, secret});
        seal(PREVIOUS_KEY, channel, column, secret);
    }

    private void seal(SecretCipher key, String channel, String column, String secret) {
        jdbc.sql("update chat_channels set " + column + " = ? where name = ?")
                .params(key.encrypt(secret, "chat_channels:" + channel + ":" + column), channel)
                .update();
    }

    private void awaitAttempted(String request, String platformName) {
        await().atMost(NotificationScene.PATIENCE)
                .ignoreExceptions()
                .until(() -> Integer.parseInt(delivery(request, platformName, "attempts")) >= 1);
    }

    private String delivery(String request, String platformName, String column) {
        return jdbc.sql("select " + column + " from webhook_deliveries where request_id = ? and channel = ?")
                .params(request, platformName)
                .query(String.class)
                .single();
    }
}
