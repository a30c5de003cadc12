package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * What a caller of the chat platforms' call-back addresses is told on a real server: another method is
 * not allowed there, any other path under {@code /chat} is not found, and a forged call back is the same
 * {@code 401} whatever {@code Content-Type} it came with, never an answer given before its proof was
 * checked.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class ChatCallbackAddressesTests {

    private static final List<String> CALL_BACKS =
            List.of("/chat/slack/ops/interactions", "/chat/telegram/ops/updates", "/chat/slack/no-such/interactions");

    @LocalServerPort
    int port;

    @Test
    void anotherMethodOnACallBackAddressIsNotAllowedAndPostIsNamed() throws Exception {
        for (String path : CALL_BACKS) {
            for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH", "TRACE")) {
                Answer answer = RawHttp.send(port, method, path, "Accept: application/json");

                assertThat(answer.status()).as(method + " " + path).isEqualTo(405);
                assertThat(answer.header("Allow")).as(method + " " + path).isEqualTo("OPTIONS, POST");
                if (!method.equals("HEAD")) {
                    assertThat(answer.contentType()).as(method + " " + path).startsWith("application/problem+json");
                    assertThat(answer.json().get("instance").asString()).isEqualTo(path);
                }
            }
        }
    }

    @Test
    void optionsOnACallBackAddressNamesTheMethodsItTakes() throws Exception {
        for (String path : CALL_BACKS) {
            Answer answer = RawHttp.send(port, "OPTIONS", path);

            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.header("Allow")).as(path).isEqualTo("OPTIONS, POST");
        }
    }

    @Test
    void aBrowserOnACallBackAddressGetsThePageOfAMethodNotAllowed() throws Exception {
        Answer answer = RawHttp.send(port, "GET", "/chat/slack/ops/interactions", "Accept: text/html");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("OPTIONS, POST");
        assertThat(answer.body()).contains("<title>Method Not Allowed - Countersign</title>");
    }

    @Test
    void aPathUnderChatThatNoPlatformCallsIsNotFoundWhateverTheMethod() throws Exception {
        for (String path : List.of(
                "/chat", "/chat/nope", "/chat/slack/ops", "/chat/slack/ops/updates", "/chat/telegram/ops/updates/x")) {
            for (String method : List.of("GET", "POST")) {
                Answer answer = RawHttp.sendBody(port, method, path, "", "Accept: application/json");

                assertThat(answer.status()).as(method + " " + path).isEqualTo(404);
                assertThat(answer.contentType()).as(method + " " + path).startsWith("application/problem+json");
                assertThat(answer.json().get("title").asString()).isEqualTo("Not found");
                assertThat(answer.header("Allow")).as(method + " " + path).isNull();
            }
        }
    }

    @Test
    void aForgedCallBackIsRefusedAlikeWhateverItsContentType() throws Exception {
        Answer usual = RawHttp.sendBody(
                port,
                "POST",
                "/chat/slack/ops/interactions",
                "payload=%7B%7D",
                "Content-Type: application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp: 1",
                "X-Slack-Signature: v0=00");
        assertThat(usual.status()).isEqualTo(401);

        for (String path : List.of("/chat/slack/ops/interactions", "/chat/telegram/ops/updates")) {
            for (List<String> headers : List.of(
                    List.<String>of(),
                    List.of("Content-Type: application/json"),
                    List.of("Content-Type: not a media type"),
                    List.of("Content-Type: text/plain; charset=no-such-charset"),
                    List.of("Content-Type: multipart/form-data; boundary=x", "Accept: application/xml"))) {
                Answer answer = RawHttp.sendBody(port, "POST", path, "payload=%7B%7D", headers.toArray(String[]::new));

                assertThat(answer.status()).as(path + " " + headers).isEqualTo(401);
                assertThat(answer.body()).as(path + " " + headers).isEqualTo(usual.body());
            }
        }
    }
}
