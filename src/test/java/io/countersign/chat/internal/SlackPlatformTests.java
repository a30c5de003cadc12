package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatType;
import io.countersign.chat.FakePlatform;
import io.countersign.notify.SendResult;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a Slack call that failed says: the status and Slack's own error code, never the answer's text. */
class SlackPlatformTests {

    FakePlatform slack;

    @BeforeEach
    void aWebApiOnLoopback() throws IOException {
        slack = new FakePlatform();
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private SendResult call() {
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));
        SlackPlatform platform = new SlackPlatform(http, JsonMapper.builder().build(), null);
        ChatChannel channel = new ChatChannel(
                "oncall-slack",
                ChatType.SLACK,
                false,
                "C1",
                false,
                null,
                slack.url(),
                "xoxb-2222-secretbotword",
                "signing-secret",
                null,
                null);
        return platform.call(channel, "chat.postMessage", Map.of("channel", "C1"), null)
                .failure();
    }

    @Test
    void aRefusalWhoseBodyIsNotSlacksGivesItsStatusOnly() {
        slack.answer("/chat.postMessage", 403, "<html>Forbidden: Authorization: Bearer xoxb-2222-secretbotword</html>");

        SendResult failure = call();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.statusCode()).isEqualTo(403);
        assertThat(failure.error()).isEqualTo("Slack chat.postMessage answered 403");
    }

    @Test
    void aRefusalWithSlacksErrorCodeNamesIt() {
        slack.answer("/chat.postMessage", 403, "{\"ok\":false,\"error\":\"invalid_auth\"}");

        assertThat(call().error()).isEqualTo("Slack chat.postMessage answered 403: invalid_auth");
    }

    @Test
    void anErrorFieldThatIsNoErrorCodeIsNotQuoted() {
        slack.answer("/chat.postMessage", 200, "{\"ok\":false,\"error\":\"Bearer xoxb-2222-secretbotword\"}");

        SendResult failure = call();

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.error()).isEqualTo("Slack chat.postMessage: unknown_error");
    }

    @Test
    void anErrorCodeThatRepeatsAPieceOfTheBotTokenIsNotQuoted() {
        slack.answer("/chat.postMessage", 200, "{\"ok\":false,\"error\":\"no_secretbot\"}");
        assertThat(call().error()).isEqualTo("Slack chat.postMessage: unknown_error");

        slack.answer("/chat.postMessage", 403, "{\"ok\":false,\"error\":\"retbotword_revoked\"}");
        assertThat(call().error()).isEqualTo("Slack chat.postMessage answered 403");
    }

    @Test
    void slacksOwnErrorCodeFollowsTheMethod() {
        slack.answer("/chat.postMessage", 200, "{\"ok\":false,\"error\":\"channel_not_found\"}");

        assertThat(call().error()).isEqualTo("Slack chat.postMessage: channel_not_found");
    }
}
