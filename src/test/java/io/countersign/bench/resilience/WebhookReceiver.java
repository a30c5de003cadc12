package io.countersign.bench.resilience;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;

/**
 * The webhook endpoint the suite registers: answers every POST with 204 and records, per event id,
 * how often it arrived. It also checks what a real receiver relies on: the signature verifies and
 * the {@code Countersign-Event-Id} header names the event in the body, so that every copy of one
 * event carries one id.
 */
final class WebhookReceiver implements AutoCloseable {

    /** How often each event id arrived. */
    final Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();

    final Map<String, String> typeByEvent = new ConcurrentHashMap<>();
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    final LongAdder posts = new LongAdder();

    private final byte[] secret;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    WebhookReceiver(int port, String secret) throws IOException {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
        server.createContext("/events", this::receive);
        server.setExecutor(executor);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/events";
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            posts.increment();
            String eventId = exchange.getRequestHeaders().getFirst("Countersign-Event-Id");
            String timestamp = exchange.getRequestHeaders().getFirst("Countersign-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("Countersign-Signature");
            JsonNode event = Api.JSON.readTree(body);
            String bodyId = event.get("id").asString();
            if (eventId == null || !eventId.equals(bodyId)) {
                problems.add("a delivery of event " + bodyId + " carried Countersign-Event-Id " + eventId);
            }
            if (!signed(timestamp, body, signature)) {
                problems.add("the signature of a delivery of event " + bodyId + " does not verify");
            }
            String type = event.get("type").asString();
            String earlierType = typeByEvent.putIfAbsent(bodyId, type);
            if (earlierType != null && !earlierType.equals(type)) {
                problems.add("event " + bodyId + " arrived as " + earlierType + " and as " + type);
            }
            arrivals.computeIfAbsent(bodyId, id -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        } catch (RuntimeException e) {
            problems.add("a delivery could not be read: " + e);
        }
    }

    private boolean signed(String timestamp, byte[] body, String header) {
        if (timestamp == null || header == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            for (String part : header.split(",")) {
                String value = part.trim();
                if (value.startsWith("v1=")
                        && MessageDigest.isEqual(expected, value.substring(3).getBytes(StandardCharsets.US_ASCII))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deliveries beyond the first of each event: what a receiver drops by event id. */
    long duplicates() {
        return arrivals.values().stream().mapToLong(count -> count.get() - 1).sum();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
