package io.countersign.chat.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.countersign.notify.SendResult;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
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

    private String url() {
        return "http://localhost:" + platform.getAddress().getPort() + "/api/chat.postMessage";
    }
}
