package io.countersign.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP endpoint on loopback that records what it receives and answers 500 while it is told to
 * fail: for the next {@code n} requests, or until it is brought back up.
 */
final class Receiver implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

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
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
