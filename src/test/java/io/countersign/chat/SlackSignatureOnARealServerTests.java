package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Slack's signature checked on a real server, where reading a form post's parameters drains the body
 * (MockMvc keeps both): a body signed as Slack encoded it is accepted, one byte changed is refused.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "countersign.encryption-key=vz7yMsa4D+8DwWlZixIfA9wuIVAcblbbe9Fsi7swKi4=")
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class SlackSignatureOnARealServerTests {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    int port;

    @Autowired
    Clock clock;

    private HttpResponse<String> post(String path, String contentType, String body, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> interaction(String channel, String signedBody, String body) throws Exception {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("slack-signing-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = "v0="
                + HexFormat.of()
                        .formatHex(
                                mac.doFinal(("v0:" + timestamp + ":" + signedBody).getBytes(StandardCharsets.UTF_8)));
        return post(
                "/chat/slack/" + channel + "/interactions",
                "application/x-www-form-urlencoded",
                body,
                "X-Slack-Request-Timestamp",
                timestamp,
                "X-Slack-Signature",
                signature);
    }

    @Test
    void aBodySignedAsSlackEncodedItIsAcceptedAndAChangedOneRefused() throws Exception {
        String channel = Api.unique("slack");
        assertThat(post(
                                "/api/v1/channels",
                                "application/json",
                                Api.json(java.util.Map.of(
                                        "name", channel,
                                        "type", "SLACK",
                                        "botToken", "xoxb-1",
                                        "signingSecret", "slack-signing-secret",
                                        "channel", "C1",
                                        "apiBaseUrl", "http://127.0.0.1:9/api")),
                                "Authorization",
                                "Bearer " + Api.ADMIN_TOKEN)
                        .statusCode())
                .isEqualTo(201);
        // %2A and %20 where Java's encoder writes * and +: the signature is over these bytes
        String body = "payload=%7B%22type%22%3A%22message_action%22%2C%20%22text%22%3A%22%2ARequester%2A%22%7D";

        assertThat(interaction(channel, body, body).statusCode()).isEqualTo(200);
        assertThat(interaction(channel, body, body.replace("%2A", "*")).statusCode())
                .isEqualTo(401);
    }
}
