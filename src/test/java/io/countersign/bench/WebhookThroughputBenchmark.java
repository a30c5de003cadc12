package io.countersign.bench;

import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Measures how fast one instance delivers webhook events to one endpoint that answers at once: a burst
 * of requests is created (each queues one {@code request.created} event for the endpoint), and a
 * receiver in this process answers every POST with 204 and notes when it arrived. Reports the events
 * per second from the first arrival to the last, the gap between consecutive arrivals and how long
 * after its {@code occurredAt} each event arrived (both clocks are this host's). Arguments: an
 * administrator's API token, the instance's base URL, and how many events (300 unless given).
 */
public final class WebhookThroughputBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int CLIENTS = 4;
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    /** One POST as the receiver saw it. */
    private record Arrival(long nanos, Instant at, Instant occurredAt) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Queue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final String admin;
    private final String base;

    private WebhookThroughputBenchmark(String admin, String base) {
        this.admin = admin;
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        new WebhookThroughputBenchmark(args[0], args[1]).run(events);
    }

    private void run(int events) throws Exception {
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        receiver.createContext("/events", this::receive);
        receiver.setExecutor(Executors.newFixedThreadPool(4));
        receiver.start();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            String suffix = Long.toString(System.currentTimeMillis(), 36);
            String dev = "wt-dev-" + suffix;
            String lisa = "wt-lisa-" + suffix;
            String devToken = user(dev);
            user(lisa);
            String resource = "wt-db-" + suffix;
            call(
                    admin,
                    "POST",
                    "/api/v1/resources",
                    Map.of("name", resource, "type", "database", "accounts", List.of("admin")));
            call(
                    admin,
                    "POST",
                    "/api/v1/policies",
                    Map.of(
                            "name",
                            "wt-" + suffix,
                            "priority",
                            10,
                            "conditions",
                            Map.of("resourceName", resource),
                            "steps",
                            List.of(Map.of("name", "Review", "approvers", List.of(Map.of("user", lisa))))));
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/events";
            call(
                    admin,
                    "POST",
                    "/api/v1/webhooks",
                    Map.of("url", url, "events", List.of("request.created"), "secret", "bench-secret-0123456789"));

            long began = System.nanoTime();
            List<Future<?>> creations = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                creations.add(clients.submit(() ->
                        call(devToken, "POST", "/api/v1/requests", Map.of("resource", resource, "account", "admin"))));
            }
            for (Future<?> creation : creations) {
                creation.get();
            }
            double burst = (System.nanoTime() - began) / 1e9;
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).until(() -> arrivals.size() >= events);
            report(events, burst);
        } finally {
            clients.shutdownNow();
            receiver.stop(0);
        }
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            long nanos = System.nanoTime();
            Instant at = Instant.now();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Instant occurredAt =
                    Instant.parse(JSON.readTree(body).get("occurredAt").asString());
            arrivals.add(new Arrival(nanos, at, occurredAt));
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private void report(int events, double burst) {
        List<Arrival> sorted = new ArrayList<>(arrivals);
        sorted.sort((a, b) -> Long.compare(a.nanos(), b.nanos()));
        List<Double> gaps = new ArrayList<>();
        for (int i = 1; i < sorted.size(); i++) {
            gaps.add((sorted.get(i).nanos() - sorted.get(i - 1).nanos()) / 1e6);
        }
        List<Double> delays = sorted.stream()
                .map(a -> Duration.between(a.occurredAt(), a.at()).toNanos() / 1e6)
                .sorted()
                .toList();
        gaps.sort(Double::compare);
        double span = (sorted.get(sorted.size() - 1).nanos() - sorted.get(0).nanos()) / 1e9;
        System.out.printf(
                "events %d queued in %.1f s by %d clients; %d arrivals%n", events, burst, CLIENTS, sorted.size());
        System.out.printf(
                "throughput %.1f events/s (first to last arrival %.1f s)%n", (sorted.size() - 1) / span, span);
        System.out.printf("gap ms: p50 %.1f, p95 %.1f, max %.1f%n", at(gaps, 0.5), at(gaps, 0.95), at(gaps, 1.0));
        System.out.printf(
                "delay after occurredAt ms: mean %.0f, p50 %.0f, p95 %.0f, max %.0f%n",
                delays.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
                at(delays, 0.5),
                at(delays, 0.95),
                at(delays, 1.0));
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.isEmpty() ? Double.NaN : sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * quantile) - 1));
    }

    private String user(String name) throws Exception {
        call(admin, "POST", "/api/v1/users", Map.of("username", name, "email", name + "@example.com"));
        return call(admin, "POST", "/api/v1/users/" + name + "/tokens", Map.of("name", "bench"))
                .get("token")
                .asString();
    }

    private JsonNode call(String token, String method, String path, Object body) throws Exception {
        return BenchCalls.call(http, base, token, method, path, body);
    }
}
