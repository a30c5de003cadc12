package io.countersign.notify.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import io.countersign.shared.outbound.HostLookup;
import io.countersign.shared.outbound.OutboundAddresses;
import io.countersign.shared.outbound.OutboundHttpClient;
import io.countersign.shared.outbound.OutboundProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookSenderTests {

    // generous limits, so that a loaded machine does not turn an answer into a timeout
    static final WebhookProperties TIMEOUTS = timeouts(Duration.ofSeconds(10));

    final WebhookSender sender = new WebhookSender(TIMEOUTS, new OutboundAddresses(new OutboundProperties(null)));
    final AtomicInteger received = new AtomicInteger();
    final CountDownLatch release = new CountDownLatch(1);
    final ExecutorService handlers = Executors.newCachedThreadPool();
    HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:1/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/refuses", exchange -> {
            // a receiver's error page may quote what it was sent: the address, its credentials, the signature
            byte[] page = ("bad signature v1=00 for " + exchange.getRequestURI() + " as "
                            + exchange.getRequestHeaders().getFirst("Authorization"))
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(401, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        server.createContext("/trickles", exchange -> {
            received.incrementAndGet();
            // a status at once, then a body that never comes
            exchange.sendResponseHeaders(200, 1_000_000);
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/stuck", exchange -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.setExecutor(handlers);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    @Test
    void anyTwoHundredAnswerIsSuccess() {
        WebhookSender.Outcome outcome = sender.send(url("/ok"), "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.statusCode()).isEqualTo(204);
        assertThat(outcome.error()).isNull();
        assertThat(outcome.unreachable()).isFalse();
        assertThat(received).as("loopback receivers are allowed unless denied").hasValue(1);
    }

    @Test
    void aNameThatResolvesIntoADeniedNetworkIsRefusedForGoodWithoutAConnection() {
        WebhookSender denying =
                new WebhookSender(TIMEOUTS, new OutboundAddresses(new OutboundProperties(List.of("127.0.0.0/8"))));

        WebhookSender.Outcome outcome =
                denying.send("http://localhost:" + server.getAddress().getPort() + "/ok", "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.refused()).as("final: trying again cannot help").isTrue();
        assertThat(outcome.unreachable()).isFalse();
        assertThat(outcome.error())
                .isEqualTo("destination address refused by countersign.outbound.denied-networks"
                        + " (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
        assertThat(received).hasValue(0);
    }

    @Test
    void aBodyThatTricklesIsNeverWaitedFor() {
        WebhookSender.Outcome outcome = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> sender.send(url("/trickles"), "e1", 1, "{}", "v1=00"));

        assertThat(outcome.succeeded()).isTrue();
        assertThat(received).hasValue(1);
    }

    @Test
    void aNameReboundToADeniedAddressAfterItsCheckIsPostedOnlyToTheAddressChecked() {
        AtomicInteger lookups = new AtomicInteger();
        InetAddress checked = InetAddress.getLoopbackAddress();
        // allowed at the first answer, a denied address at every later one
        HostLookup rebinding = host -> new InetAddress[] {
            lookups.getAndIncrement() == 0
                    ? checked
                    : InetAddress.getByAddress(new byte[] {(byte) 169, (byte) 254, 0, 1})
        };
        WebhookSender rebound = new WebhookSender(
                TIMEOUTS,
                new OutboundHttpClient(
                        new OutboundAddresses(new OutboundProperties(null)),
                        rebinding,
                        TIMEOUTS.connectTimeout(),
                        TIMEOUTS.readTimeout()));

        WebhookSender.Outcome outcome = rebound.send(
                "http://hooks.rebinding.example:" + server.getAddress().getPort() + "/ok", "e1", 1, "{}", "v1=00");

        assertThat(outcome.statusCode()).as("posted to the address checked").isEqualTo(204);
        assertThat(received).hasValue(1);
        assertThat(lookups).as("resolved once").hasValue(1);
    }

    @Test
    void aRefusalSaysItsStatusAndNothingOfTheAddressItsCredentialsOrTheAnswer() {
        String address = "http://hook-user:HOOKPASSWORD@127.0.0.1:"
                + server.getAddress().getPort() + "/refuses?key=HOOKQUERYKEY";

        WebhookSender.Outcome outcome = sender.send(address, "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.error())
                .isEqualTo("answered HTTP 401")
                .doesNotContain("HOOKPASSWORD", "HOOKQUERYKEY", "v1=00");
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() {
        WebhookSender.Outcome outcome = sender.send(url("/moved"), "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.statusCode()).isEqualTo(302);
        assertThat(outcome.error()).contains("redirects are not followed");
        assertThat(outcome.unreachable()).as("the endpoint answered").isFalse();
    }

    @Test
    void aReceiverThatDoesNotAnswerInTimeIsAFailureWithoutStatus() {
        WebhookSender impatient = new WebhookSender(
                timeouts(Duration.ofMillis(300)), new OutboundAddresses(new OutboundProperties(null)));

        WebhookSender.Outcome outcome = impatient.send(url("/stuck"), "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isEqualTo("no answer within 300 ms");
        assertThat(outcome.unreachable()).isTrue();
    }

    @Test
    void aRefusedConnectionIsSaidInWordsWithoutTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        WebhookSender.Outcome outcome =
                sender.send("http://127.0.0.1:" + closedPort + "/secret-path", "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isEqualTo("connection refused");
        assertThat(outcome.unreachable()).isTrue();
    }

    @Test
    void aHostNameThatDoesNotResolveIsSaidInWordsWithoutTheUrl() {
        // .invalid never resolves (RFC 2606)
        WebhookSender.Outcome outcome = sender.send("https://hooks.invalid/secret-path", "e1", 1, "{}", "v1=00");

        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isEqualTo("name not resolved");
        assertThat(outcome.unreachable()).isTrue();
    }

    @Test
    void anAddressNoConnectionCanUseIsAFailedAttempt() {
        WebhookSender.Outcome outcome = sender.send("http://127.0.0.1:99999/hook", "e1", 1, "{}", "v1=00");

        assertThat(outcome.succeeded()).isFalse();
        assertThat(outcome.statusCode()).isNull();
        assertThat(outcome.error()).isEqualTo("the URL cannot be used: its port is out of range");
        assertThat(outcome.unreachable()).as("no server was tried").isFalse();
    }

    @Test
    void anAddressThatIsNoUriIsAFailedAttemptThatDoesNotQuoteIt() {
        WebhookSender.Outcome outcome = sender.send("http://127.0.0.1/secret path", "e1", 1, "{}", "v1=00");

        assertThat(outcome.error()).isEqualTo("the URL cannot be used");
    }

    static WebhookProperties timeouts(Duration read) {
        return new WebhookProperties(
                Duration.ofSeconds(10),
                Duration.ofHours(1),
                Duration.ofHours(24),
                Duration.ofSeconds(10),
                read,
                100,
                2,
                Duration.ofDays(30));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }
}
