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

    @Test
    void aWebhookThatRefusesGivesItsStatusAndNothingOfItsBodyWhichMayQuoteTheSecretUrl() {
        SendResult teams = PlatformAnswers.failure(
                "Teams", new ChatHttp.Answer(404, "<html>Cannot POST /teams/webhookb2/SECRETPATH</html>", null, null));
        SendResult discord = PlatformAnswers.failure(
                "Discord",
                new ChatHttp.Answer(401, "{\"message\": \"401: /api/webhooks/123/SECRETPATH\"}", null, null));

        assertThat(teams.permanent()).isTrue();
        assertThat(teams.error()).isEqualTo("Teams answered 404");
        assertThat(teams.statusCode()).isEqualTo(404);
        assertThat(discord.error()).isEqualTo("Discord answered 401");
    }

    @Test
    void onlyAShortLowerCaseWordPassesAsAPlatformsErrorCode() {
        assertThat(PlatformAnswers.errorCode("invalid_auth", "xoxb-1")).contains("invalid_auth");
        assertThat(PlatformAnswers.errorCode("Bearer xoxb-SECRETBOT-2222", "xoxb-1"))
                .isEmpty();
        assertThat(PlatformAnswers.errorCode("https://hooks.example/SECRET", "xoxb-1"))
                .isEmpty();
        assertThat(PlatformAnswers.errorCode("", "xoxb-1")).isEmpty();
        assertThat(PlatformAnswers.errorCode(null, "xoxb-1")).isEmpty();
        assertThat(PlatformAnswers.errorCode("a".repeat(65), "xoxb-1")).isEmpty();
    }
}
