package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.countersign.notify.SendResult;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChatHttpTests {

    final AtomicInteger calls = new AtomicInteger();
    HttpServer platform;

    @BeforeEach
    void aPlatformOnLoopback() throws IOException {
        platform = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        platform.createContext("/", exchange -> {
            calls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        platform.start();
    }

    @AfterEach
    void stop() {
        platform.stop(0);
    }

    @Test
    void aPlatformWhoseNameResolvesIntoADeniedNetworkIsNotCalledAndTheDeliveryFailsForGood() {
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(List.of("127.0.0.0/8", "::1/128"))));

        ChatHttp.Answer answer = http.postJson(url(), Map.of(), "{}");
        SendResult result = PlatformAnswers.failure("Slack", answer);

        assertThat(answer.status()).isNull();
        assertThat(result.permanent()).as("trying again cannot help").isTrue();
        assertThat(result.error())
                .isEqualTo("Slack: destination address refused by countersign.outbound.denied-networks"
                        + " (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
        assertThat(calls).hasValue(0);
    }

    @Test
    void aPlatformOnLoopbackIsCalledByDefault() {
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));

        ChatHttp.Answer answer = http.postJson(url(), Map.of(), "{}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(calls).hasValue(1);
    }

    @Test
    void anAnswerLongerThanAnyPlatformDocumentsIsReadNoFurtherThanTheLimitAndFailsTheDelivery() throws Exception {
        // announces 1.2 GB and sends until the caller hangs up: nothing reads it all
        AtomicLong written = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        platform.createContext("/huge", exchange -> {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try (exchange;
                    OutputStream out = exchange.getResponseBody()) {
                exchange.sendResponseHeaders(200, 1_200_000_000L);
                while (written.get() < 1_200_000_000L) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException hungUp) {
                // the caller stopped reading, as it should
            } finally {
                done.countDown();
            }
        });
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));

        ChatHttp.Answer answer = http.postJson(url("/huge"), Map.of(), "{}");
        SendResult result = PlatformAnswers.failure("Slack chat.postMessage", answer);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body() == null).as("nothing of it is kept").isTrue();
        assertThat(result.delivered()).isFalse();
        assertThat(result.permanent()).as("retried as other failures are").isFalse();
        assertThat(result.error())
                .isEqualTo("Slack chat.postMessage: the answer was longer than 1 MiB, which no platform documents");
        await().atMost(Duration.ofSeconds(20)).until(() -> done.await(0, TimeUnit.SECONDS));
        assertThat(written.get()).as("the rest was never drained").isLessThan(200L * 1024 * 1024);
    }

    @Test
    void aStreamedAnswerJustOverTheLimitIsRefusedAndOneAtTheLimitIsRead() {
        platform.createContext("/over", exchange -> streamed(exchange, ChatHttp.MAX_ANSWER_BYTES + 1));
        platform.createContext("/at", exchange -> streamed(exchange, ChatHttp.MAX_ANSWER_BYTES));
        ChatHttp http = new ChatHttp(new OutboundAddresses(new OutboundProperties(null)));

        ChatHttp.Answer over = http.postJson(url("/over"), Map.of(), "{}");
        ChatHttp.Answer at = http.postJson(url("/at"), Map.of(), "{}");

        assertThat(over.error()).isEqualTo("the answer was longer than 1 MiB, which no platform documents");
        assertThat(over.body() == null).as("nothing of it is kept").isTrue();
        assertThat(at.error()).isNull();
        assertThat(at.body().length()).isEqualTo(ChatHttp.MAX_ANSWER_BYTES);
        assertThat(PlatformAnswers.failure("Telegram sendMessage", at)).isNull();
    }

    /** A chunked answer of {@code size} bytes, which announces no length. */
    private static void streamed(HttpExchange exchange, int size) throws IOException {
        try (exchange;
                OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            for (int left = size; left > 0; left -= chunk.length) {
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        } catch (IOException hungUp) {
            // the caller stopped reading
        }
    }

    private String url(String path) {
        return "http://localhost:" + platform.getAddress().getPort() + path;
    }

    private String url() {
        return "http://localhost:" + platform.getAddress().getPort() + "/api/chat.postMessage";
    }
}
