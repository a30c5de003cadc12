package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.chat.ChatChannel;
import io.countersign.chat.ChatTestResult;
import io.countersign.chat.ChatType;
import io.countersign.chat.FakePlatform;
import io.countersign.notify.SendResult;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** What a Telegram call that failed for good says: Telegram's own words, else why, never the token. */
class TelegramPlatformTests {

    static final String SEND_MESSAGE = "/bot123:secret-token/sendMessage";

    FakePlatform telegram;

    @BeforeEach
    void aBotApiOnLoopback() throws IOException {
        telegram = new FakePlatform();
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    private SendResult send(List<String> deniedNetworks) {
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(deniedNetworks)));
        TelegramPlatform platform =
                new TelegramPlatform(http, JsonMapper.builder().build(), null, null);
        return platform.call(channel(), "sendMessage", Map.of("chat_id", "-100", "text", "hi"))
                .failure();
    }

    private ChatChannel channel() {
        return new ChatChannel(
                "oncall-tg",
                ChatType.TELEGRAM,
                false,
                null,
                false,
                "-100",
                telegram.url(),
                "123:secret-token",
                null,
                "hook_secret-of-sixteen",
                null);
    }

    @Test
    void aSuccessLongerThanAnyAnswerTelegramDocumentsFailsTheDeliveryForNowAndTheTestSaysWhy() {
        telegram.answer(SEND_MESSAGE, 200, "{\"ok\":true,\"pad\":\"" + "x".repeat(ChatHttp.MAX_ANSWER_BYTES) + "\"}");
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));
        TelegramPlatform platform =
                new TelegramPlatform(http, JsonMapper.builder().build(), null, null);

        SendResult failure = send(null);
        ChatTestResult tested = new ChatChannelTest(List.of(platform), null).test(channel(), "alice");

        assertThat(failure.permanent()).as("tried again, as other failures are").isFalse();
        assertThat(failure.statusCode()).isEqualTo(200);
        assertThat(failure.error())
                .isEqualTo("Telegram sendMessage: the answer was longer than 1 MiB, which no platform documents");
        assertThat(tested.sent()).isFalse();
        assertThat(tested.error()).isEqualTo(failure.error());
    }

    @Test
    void aRefusedDestinationSaysWhyAsEveryOtherPlatformDoes() {
        SendResult failure = send(List.of("127.0.0.0/8", "::1/128"));

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.error())
                .isEqualTo("Telegram sendMessage: destination address refused by"
                        + " countersign.outbound.denied-networks (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
    }

    @Test
    void anAnswerWithoutTelegramsDescriptionGivesItsStatusAndNothingOfItsBody() {
        telegram.answer(SEND_MESSAGE, 302, "moved to /bot123:secret-token/sendMessage");

        SendResult failure = send(null);

        assertThat(failure.permanent()).isTrue();
        assertThat(failure.error()).isEqualTo("Telegram sendMessage answered 302");
    }

    @Test
    void telegramsOwnDescriptionFollowsTheStatus() {
        telegram.answer(
                SEND_MESSAGE, 400, "{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}");

        assertThat(send(null).error()).isEqualTo("Telegram sendMessage: 400 Bad Request: chat not found");
    }

    @Test
    void aDescriptionThatRepeatsTheTokenIsNotQuoted() {
        telegram.answer(
                SEND_MESSAGE, 404, "{\"ok\":false,\"description\":\"Not Found: /bot123:secret-token/sendMessage\"}");

        assertThat(send(null).error()).isEqualTo("Telegram sendMessage answered 404");
    }

    @Test
    void aDescriptionThatRepeatsTheSecretPartOfTheTokenOrAPieceOfItIsNotQuoted() {
        for (String said : List.of(
                "Unauthorized secret-token",
                "Unauthorized: token secret-to was revoked",
                "Unauthorized CRET-TOKEN",
                "Unauthorized 123:secret")) {
            telegram.answer(SEND_MESSAGE, 400, "{\"ok\":false,\"description\":\"" + said + "\"}");

            assertThat(send(null).error()).as(said).isEqualTo("Telegram sendMessage answered 400");
        }
    }

    @Test
    void aDescriptionHoldingAnAddressOrControlCharactersIsNotQuoted() {
        telegram.answer(
                SEND_MESSAGE,
                403,
                "{\"ok\":false,\"description\":\"Forbidden: see https://proxy.internal/hook?key=k-secret\"}");
        assertThat(send(null).error()).isEqualTo("Telegram sendMessage answered 403");

        telegram.answer(SEND_MESSAGE, 403, "{\"ok\":false,\"description\":\"Forbidden: \\u001b[2Jwiped\"}");
        assertThat(send(null).error()).isEqualTo("Telegram sendMessage answered 403");
    }
}
