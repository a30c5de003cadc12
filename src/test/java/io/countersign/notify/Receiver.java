package io.countersign.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint on loopback that records what it receives and answers 500 while it is told to
 * fail: for the next {@code n} requests, or until it is brought back up. Told to hold, it records what
 * arrives but answers nothing until released, so a test can act while a send is known to be under way.
 */
final class Receiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration HOLD_AT_MOST = Duration.ofSeconds(30);

    /** One request as it arrived, and what the receiver answered. */
    record Received(String eventId, String timestamp, String signature, String contentType, String body, int answered) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean accepted() {
            return answered == 200;
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile boolean down;
    private volatile CountDownLatch held = new CountDownLatch(0);

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/hook";
    }

    int port() {
        return server.getAddress().getPort();
    }

    Receiver failNext(int requests) {
        failuresLeft.set(requests);
        return this;
    }

    Receiver down() {
        down = true;
        return this;
    }

    Receiver up() {
        down = false;
        return this;
    }

    Receiver hold() {
        held = new CountDownLatch(1);
        return this;
    }

    void release() {
        held.countDown();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> accepted() {
        return received.stream().filter(Received::accepted).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean fail = down || failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        int status = fail ? 500 : 200;
        var headers = exchange.getRequestHeaders();
        received.add(new Received(
                headers.getFirst("Countersign-Event-Id"),
                headers.getFirst("Countersign-Timestamp"),
                headers.getFirst("Countersign-Signature"),
                headers.getFirst("Content-Type"),
                body,
                status));
        try {
            // bounded, so that a test that never releases fails on its own assertions, not by hanging
            held.await(HOLD_AT_MOST.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
