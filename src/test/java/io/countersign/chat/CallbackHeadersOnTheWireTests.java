package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The headers Slack and Telegram prove their call backs with, sent over a socket as written: a value
 * the service does not read (bytes 0x80 to 0x9F, which Tomcat passes on as control characters) is a
 * refused call, never a failure of the service's, and a value merely wrong, repeated or far too long
 * is refused as every unauthenticated call back is.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "countersign.encryption-key=vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=")
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class CallbackHeadersOnTheWireTests {

    private static final String TELEGRAM_SECRET = "telegram-secret-0123456789";

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    private String channel(String type, Map<String, Object> fields) {
        String name = Api.unique(type.toLowerCase());
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.putAll(Map.of("name", name, "type", type, "apiBaseUrl", "http://127.0.0.1:9/api"));
        api.asAdmin().post("/api/v1/channels", Api.json(body)).expect(201);
        return name;
    }

    private Answer slack(String channel, String... headers) throws Exception {
        String[] all = new String[headers.length + 1];
        all[0] = "Content-Type: application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 1, headers.length);
        return RawHttp.sendBody(port, "POST", "/chat/slack/" + channel + "/interactions", "payload=%7B%7D", all);
    }

    private Answer telegram(String channel, String... headers) throws Exception {
        String[] all = new String[headers.length + 1];
        all[0] = "Content-Type: application/json";
        System.arraycopy(headers, 0, all, 1, headers.length);
        return RawHttp.sendBody(port, "POST", "/chat/telegram/" + channel + "/updates", "{}", all);
    }

    @Test
    void aSlackSignatureOrTimestampHoldingAControlCharacterIsRefusedWith400() throws Exception {
        String channel = channel(
                "SLACK", Map.of("botToken", "xoxb-1", "signingSecret", "slack-signing-secret", "channel", "C1"));

        for (String[] headers : new String[][] {
            {"X-Slack-Request-Timestamp: 1", "X-Slack-Signature: v0=\u0085"},
            {"X-Slack-Request-Timestamp: 1\u0099", "X-Slack-Signature: v0=00"}
        }) {
            Answer answer = slack(channel, headers);

            assertThat(answer.status()).as(headers[1]).isEqualTo(400);
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("detail").asString()).startsWith("A header or parameter holds characters");
        }
    }

    @Test
    void aSlackSignatureThatIsWrongRepeatedOrLongIsRefusedWith401() throws Exception {
        String channel = channel(
                "SLACK", Map.of("botToken", "xoxb-1", "signingSecret", "slack-signing-secret", "channel", "C1"));

        for (String signature :
                new String[] {"", "v0=caf\u00e9", "v0=" + "0".repeat(7_000), "v0=00\r\nX-Slack-Signature: v0=11"}) {
            Answer answer = slack(channel, "X-Slack-Request-Timestamp: 1", "X-Slack-Signature: " + signature);

            assertThat(answer.status()).as(signature).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("text/plain");
        }
    }

    @Test
    void aTelegramSecretTokenHoldingAControlCharacterIsRefusedWith400AndAWrongOneWith401() throws Exception {
        String channel =
                channel("TELEGRAM", Map.of("botToken", "9:bot", "chatId", "-1", "webhookSecret", TELEGRAM_SECRET));

        Answer unreadable = telegram(channel, "X-Telegram-Bot-Api-Secret-Token: " + TELEGRAM_SECRET + "\u0085");
        assertThat(unreadable.status()).isEqualTo(400);
        assertThat(unreadable.contentType()).isEqualTo("application/problem+json");
        assertThat(unreadable.body()).doesNotContain(TELEGRAM_SECRET);

        for (String secret : new String[] {"", TELEGRAM_SECRET + "\u00e9", "a".repeat(7_000)}) {
            assertThat(telegram(channel, "X-Telegram-Bot-Api-Secret-Token: " + secret)
                            .status())
                    .as(secret)
                    .isEqualTo(401);
        }
        assertThat(telegram(
                                channel,
                                "X-Telegram-Bot-Api-Secret-Token: " + TELEGRAM_SECRET,
                                "X-Telegram-Bot-Api-Secret-Token: " + TELEGRAM_SECRET)
                        .status())
                .isEqualTo(401);
        assertThat(telegram(channel, "X-Telegram-Bot-Api-Secret-Token: " + TELEGRAM_SECRET)
                        .status())
                .isEqualTo(200);
    }
}
