package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.SendResult;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAnswersTests {

    private final ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void aPlatformApiThatRefusesTheConnectionIsUnreachableSoTheChatChannelPauses() throws IOException {
        ChatHttp.Answer answer =
                http.postJson("http://127.0.0.1:" + closedPort() + "/api/chat.postMessage", Map.of(), "{}");

        SendResult result = PlatformAnswers.failure("Slack chat.postMessage", answer);

        assertThat(result.unreachable()).isTrue();
        assertThat(result.permanent()).isFalse();
        assertThat(result.error())
                .isEqualTo("Slack chat.postMessage: could not reach the platform: connection refused");
    }

    @Test
    void aPlatformApiWhoseNameDoesNotResolveIsUnreachable() {
        ChatHttp.Answer answer = http.postJson("https://api.telegram.invalid/bot7:token/sendMessage", Map.of(), "{}");

        SendResult result = PlatformAnswers.failure("Telegram sendMessage", answer);

        assertThat(result.unreachable()).isTrue();
        assertThat(result.error()).isEqualTo("Telegram sendMessage: could not reach the platform: name not resolved");
    }

    @Test
    void aPlatformApiThatAnswersAnErrorHasAnsweredAndDoesNotPause() {
        SendResult result = PlatformAnswers.failure("Slack chat.postMessage", new ChatHttp.Answer(503, "", null, null));

        assertThat(result.unreachable()).isFalse();
        assertThat(result.error()).isEqualTo("Slack chat.postMessage answered 503");
    }

    @Test
    void aChannelsOwnWebhookUrlThatCannotBeReachedIsUnreachableAndPausesThatChannel() throws IOException {
        ChatHttp.Answer answer = http.postJson("http://127.0.0.1:" + closedPort() + "/webhook", Map.of(), "{}");

        SendResult result = PlatformAnswers.failure("Teams", answer);

        assertThat(result.unreachable()).isTrue();
        assertThat(result.error()).isEqualTo("Teams: could not reach the platform: connection refused");
    }
}
