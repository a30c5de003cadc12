package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.notify.SendResult;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a Slack call that failed says: the status and Slack's own error code, never the answer's text. */
class SlackPlatformTests {

    HttpServer api;
    int status;
    String body;

    @BeforeEach
    void aWebApiOnLoopback() throws IOException {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private SendResult call() {
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));
        SlackPlatform slack = new SlackPlatform(http, JsonMapper.builder().build(), null);
        ChatChannel channel = new ChatChannel(
                "oncall-slack",
                ChatType.SLACK,
                false,
                "C1",
                false,
                null,
                "http://localhost:" + api.getAddress().getPort(),
                "xoxb-SECRETBOT-2222",
                "signing-secret",
                null,
                null);
        return slack.call(channel, "chat.postMessage", Map.of("channel", "C1"), null)
                .failure();
    }

    @Test
    void aRefusalWhoseBodyIsNotSlacksGivesItsStatusOnly() {
        status = 403;
        body = "<html>Forbidden: Authorization: Bearer xoxb-SECRETBOT-2222</html>";

        SendResult failure = call();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.statusCode()).isEqualTo(403);
        assertThat(failure.error()).isEqualTo("Slack chat.postMessage answered 403");
    }

    @Test
    void aRefusalWithSlacksErrorCodeNamesIt() {
        status = 403;
        body = "{\"ok\":false,\"error\":\"invalid_auth\"}";

        assertThat(call().error()).isEqualTo("Slack chat.postMessage answered 403: invalid_auth");
    }

    @Test
    void anErrorFieldThatIsNoErrorCodeIsNotQuoted() {
        status = 200;
        body = "{\"ok\":false,\"error\":\"Bearer xoxb-SECRETBOT-2222\"}";

        SendResult failure = call();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.error()).isEqualTo("Slack chat.postMessage: unknown_error");
    }

    @Test
    void slacksOwnErrorCodeFollowsTheMethod() {
        status = 200;
        body = "{\"ok\":false,\"error\":\"channel_not_found\"}";

        assertThat(call().error()).isEqualTo("Slack chat.postMessage: channel_not_found");
    }
}
