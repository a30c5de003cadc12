package io.countersign.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Load harness for a running Countersign: loads a small organisation, then measures request
 * creations per second and approval decisions per second with N concurrent clients over HTTP.
 * Run through {@code bench/http-benchmarks.sh}, which starts the service on PostgreSQL first.
 *
 * <p>Arguments: base URL, admin token, clients (16), seconds per phase (20).
 */
public final class HttpThroughputBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int APPROVERS = 10;

    private final String base;
    private final String adminToken;
    private final HttpClient setupClient = HttpClient.newHttpClient();

    private HttpThroughputBenchmark(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:18080";
        String token = args.length > 1 ? args[1] : System.getenv("COUNTERSIGN_BOOTSTRAP_ADMIN_TOKEN");
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        new HttpThroughputBenchmark(base, token).run(clients, seconds);
    }

    private void run(int clients, int seconds) throws Exception {
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);
        List<String> requesterTokens = new ArrayList<>();
        List<String> approverTokens = new ArrayList<>();
        setUp(run, clients, requesterTokens, approverTokens);

        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        Result creation = phase(clients, seconds, client -> {
            JsonNode answer = call(
                    client.http,
                    "POST",
                    "/api/v1/requests",
                    requesterTokens.get(client.index),
                    Map.of("resource", "bench-db-" + run, "account", "admin", "duration", "PT1H"),
                    201);
            created.add(answer.get("id").asString());
        });
        print("request creation", clients, creation);

        Result decisions = phase(clients, seconds, client -> {
            String id = created.poll();
            if (id == null) {
                throw new NothingLeft();
            }
            call(
                    client.http,
                    "POST",
                    "/api/v1/requests/" + id + "/approve",
                    approverTokens.get(client.index % APPROVERS),
                    Map.of("comment", "ok"),
                    200);
        });
        print("approval decisions", clients, decisions);

        // hand the access-check phase (run by wrk) a user that now holds grants, and an enforcer token
        String enforcer = userWithToken("bench-" + run + "-gateway", "ENFORCER");
        System.out.println("CHECK_TOKEN=" + enforcer);
        System.out.println("CHECK_PATH=/api/v1/access/check?user=bench-" + run + "-requester-0&resource=bench-db-" + run
                + "&account=admin");
    }

    private void setUp(String run, int clients, List<String> requesterTokens, List<String> approverTokens) {
        call(setupClient, "PUT", "/api/v1/levels", adminToken, List.of("engineer", "manager"), 200);
        List<String> approvers = new ArrayList<>();
        for (int i = 0; i < APPROVERS; i++) {
            String name = "bench-" + run + "-approver-" + i;
            approvers.add(name);
            approverTokens.add(userWithToken(name, "USER"));
        }
        for (int i = 0; i < clients; i++) {
            requesterTokens.add(userWithToken("bench-" + run + "-requester-" + i, "USER"));
        }
        call(
                setupClient,
                "POST",
                "/api/v1/groups",
                adminToken,
                Map.of("name", "bench-" + run + "-approvers", "members", approvers, "managers", List.of()),
                201);
        call(
                setupClient,
                "POST",
                "/api/v1/resources",
                adminToken,
                Map.of("name", "bench-db-" + run, "type", "database", "accounts", List.of("admin")),
                201);
        call(
                setupClient,
                "POST",
                "/api/v1/policies",
                adminToken,
                Map.of(
                        "name",
                        "bench-" + run,
                        "priority",
                        10,
                        "conditions",
                        Map.of("resourceName", "bench-db-" + run),
                        "maxDuration",
                        "PT8H",
                        "steps",
                        List.of(Map.of(
                                "name",
                                "Team review",
                                "approvers",
                                List.of(Map.of("group", "bench-" + run + "-approvers")),
                                "requiredApprovals",
                                1))),
                201);
    }

    private String userWithToken(String username, String role) {
        call(
                setupClient,
                "POST",
                "/api/v1/users",
                adminToken,
                Map.of("username", username, "email", username + "@example.com", "role", role),
                201);
        return call(
                        setupClient,
                        "POST",
                        "/api/v1/users/" + username + "/tokens",
                        adminToken,
                        Map.of("name", "bench"),
                        201)
                .get("token")
                .asString();
    }

    private record Client(int index, HttpClient http) {}

    /** The decision phase ends early once every created request has been decided. */
    private static final class NothingLeft extends RuntimeException {}

    private interface Operation {
        void perform(Client client) throws Exception;
    }

    private record Result(long operations, long errors, double seconds, long[] latenciesMicros) {}

    private Result phase(int clients, int seconds, Operation operation) throws InterruptedException {
        AtomicLong errors = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        long[] counts = new long[clients];
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(clients);
        long[] window = new long[2];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            long[] latencies = new long[500_000];
            perClient.add(latencies);
            int index = i;
            Thread thread = new Thread(() -> {
                Client client = new Client(index, HttpClient.newHttpClient());
                try {
                    start.await();
                    long deadline = window[1];
                    while (System.nanoTime() < deadline) {
                        long began = System.nanoTime();
                        try {
                            operation.perform(client);
                            latencies[(int) counts[index]++] = (System.nanoTime() - began) / 1_000;
                        } catch (NothingLeft e) {
                            break;
                        } catch (Exception e) {
                            if (errors.incrementAndGet() <= 3) {
                                System.err.println("error: " + e.getMessage());
                            }
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
            threads.add(thread);
            thread.start();
        }
        window[0] = System.nanoTime();
        window[1] = window[0] + Duration.ofSeconds(seconds).toNanos();
        start.countDown();
        done.await();
        double elapsed = (Math.min(System.nanoTime(), window[1]) - window[0]) / 1e9;
        long total = 0;
        for (long count : counts) {
            total += count;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (int i = 0; i < clients; i++) {
            System.arraycopy(perClient.get(i), 0, all, at, (int) counts[i]);
            at += counts[i];
        }
        java.util.Arrays.sort(all);
        return new Result(total, errors.get(), elapsed, all);
    }

    private static void print(String name, int clients, Result result) {
        long[] l = result.latenciesMicros();
        System.out.printf(
                "%s: %d clients, %d ok, %d errors in %.1f s -> %.0f/s; latency p50 %.1f ms, p99 %.1f ms%n",
                name,
                clients,
                result.operations(),
                result.errors(),
                result.seconds(),
                result.operations() / result.seconds(),
                l.length == 0 ? 0 : l[l.length / 2] / 1000.0,
                l.length == 0 ? 0 : l[(int) (l.length * 0.99)] / 1000.0);
    }

    private JsonNode call(HttpClient http, String method, String path, String token, Object body, int expected) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(
                        method + " " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
