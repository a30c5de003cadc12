package io.countersign.shared.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.countersign.shared.ConnectionFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OutboundHttpClientTests {

    static final Duration GENEROUS = Duration.ofSeconds(10);
    static final String NAME = "hooks.rebinding.example";

    // the receiver the name is checked at, and the address a rebinding answer would steer a post to
    static final InetAddress CHECKED = address(127, 0, 0, 1);
    static final InetAddress METADATA = address(127, 0, 0, 2);

    final OutboundAddresses denyingMetadata = new OutboundAddresses(new OutboundProperties(List.of("127.0.0.2/32")));
    final AtomicInteger receiverCalls = new AtomicInteger();
    final AtomicInteger metadataCalls = new AtomicInteger();
    final List<String> hostHeaders = new CopyOnWriteArrayList<>();
    HttpServer receiver;
    HttpServer metadata;
    int port;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(CHECKED, 0), 0);
        port = receiver.getAddress().getPort();
        receiver.createContext("/", exchange -> {
            receiverCalls.incrementAndGet();
            hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        // on the same port, so that only the address tells them apart
        metadata = HttpServer.create(new InetSocketAddress(METADATA, port), 0);
        metadata.createContext("/", exchange -> {
            metadataCalls.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        metadata.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
        metadata.stop(0);
    }

    @Test
    void aNameReboundToARefusedAddressAfterItsCheckIsConnectedOnlyToTheAddressChecked() throws IOException {
        AtomicInteger lookups = new AtomicInteger();
        // allowed at the first answer, the refused address at every later one: a rebinding resolver
        HostLookup rebinding = host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? CHECKED : METADATA};
        OutboundHttpClient client = new OutboundHttpClient(denyingMetadata, rebinding, GENEROUS, GENEROUS);

        int status = client.send(post("http://" + NAME + ":" + port + "/hook"), response -> response.getCode());

        assertThat(status).isEqualTo(204);
        assertThat(receiverCalls)
                .as("the post reached the address that was checked")
                .hasValue(1);
        assertThat(metadataCalls).as("never the address a second answer named").hasValue(0);
        assertThat(lookups)
                .as("the name is resolved once for the check and the connection")
                .hasValue(1);
        assertThat(hostHeaders).as("the Host header keeps the name").containsExactly(NAME + ":" + port);
    }

    @Test
    void aNameWhoseAnswerIsRefusedIsNotConnectedToAtAll() {
        HostLookup refusedFirst = host -> new InetAddress[] {CHECKED, METADATA};
        OutboundHttpClient client = new OutboundHttpClient(denyingMetadata, refusedFirst, GENEROUS, GENEROUS);

        assertThatThrownBy(() -> client.send(post("http://" + NAME + ":" + port + "/hook"), r -> r.getCode()))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("destination address refused by countersign.outbound.denied-networks"
                        + " (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
        assertThat(receiverCalls).hasValue(0);
        assertThat(metadataCalls).hasValue(0);
    }

    @Test
    void aLiteralAddressIsCheckedWhenSentToWithoutAnyLookup() {
        HostLookup none = host -> {
            throw new UnknownHostException("no lookup expected");
        };
        OutboundHttpClient client = new OutboundHttpClient(denyingMetadata, none, GENEROUS, GENEROUS);

        assertThatThrownBy(() -> client.send(post("http://127.0.0.2:" + port + "/hook"), r -> r.getCode()))
                .isInstanceOf(RefusedAddressException.class);
        assertThat(metadataCalls).hasValue(0);
    }

    @Test
    void aServerThatTricklesItsHeadersIsCutOffAtTheDeadlineThoughEachReadIsQuick() throws IOException {
        ExecutorService accepting = Executors.newSingleThreadExecutor();
        ScheduledExecutorService trickling = Executors.newSingleThreadScheduledExecutor();
        AtomicReference<Socket> accepted = new AtomicReference<>();
        try (ServerSocket trickler = new ServerSocket(0, 1, CHECKED)) {
            accepting.submit(() -> {
                Socket socket = trickler.accept();
                accepted.set(socket);
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                // one header byte every 50 ms: every read is well within the per-read timeout
                trickling.scheduleAtFixedRate(
                        () -> {
                            try {
                                out.write('x');
                                out.flush();
                            } catch (IOException closed) {
                                throw new IllegalStateException(closed);
                            }
                        },
                        50,
                        50,
                        TimeUnit.MILLISECONDS);
                return socket;
            });
            OutboundHttpClient client = new OutboundHttpClient(
                    new OutboundAddresses(new OutboundProperties(null)),
                    HostLookup.SYSTEM,
                    GENEROUS,
                    Duration.ofMillis(500));

            long started = System.nanoTime();
            assertThatThrownBy(() -> client.send(
                            post("http://127.0.0.1:" + trickler.getLocalPort() + "/hook"), r -> r.getCode()))
                    .isInstanceOf(HttpTimeoutException.class)
                    .satisfies(failure ->
                            assertThat(ConnectionFailures.unreachable(failure)).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        } finally {
            trickling.shutdownNow();
            accepting.shutdownNow();
            if (accepted.get() != null) {
                accepted.get().close();
            }
        }
    }

    @Test
    void aTargetKeepsWhatIsSentAndDropsTheUserInformation() {
        assertThat(OutboundHttpClient.target("https://user:SECRET@hooks.example:8443/a%2Fb?key=1#part"))
                .hasToString("https://hooks.example:8443/a%2Fb?key=1");
        assertThatThrownBy(() -> OutboundHttpClient.target("http://127.0.0.1:99999/hook"))
                .hasMessageStartingWith("port out of range");
        assertThatThrownBy(() -> OutboundHttpClient.target("ftp://hooks.example/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("hooks.example");
    }

    private static HttpPost post(String url) {
        HttpPost post = new HttpPost(OutboundHttpClient.target(url));
        post.setEntity(new StringEntity("{}"));
        return post;
    }

    private static InetAddress address(int a, int b, int c, int d) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) a, (byte) b, (byte) c, (byte) d});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
