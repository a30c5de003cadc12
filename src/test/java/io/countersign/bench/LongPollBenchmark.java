package io.countersign.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Holds 1,000 long polls (10 on each of 100 pending requests) against a running instance, then
 * approves the 100 requests and reports how long after each approval its waiters were answered, and
 * the server's heap while they waited. Arguments: base URL, an administrator's API token, optionally
 * the base URL of a second instance on the same database (then the approvals are sent there, and the
 * figures are how long a decision on one instance takes to reach waiters on another; empty for the
 * first instance) and optionally a number of rounds (1 by default). Each round is printed; with more
 * than one, the first is taken as warm-up and the others are also reported together, since 1,000
 * answers are too few for the JIT to have compiled the wake-up path in a first round.
 */
public final class LongPollBenchmark {

    private static final int REQUESTS = 100;
    private static final int WAITERS_PER_REQUEST = 10;

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String base;
    private final String admin;
    private final String approvingBase;

    private LongPollBenchmark(String base, String admin, String approvingBase) {
        this.base = base;
        this.admin = admin;
        this.approvingBase = approvingBase;
    }

    public static void main(String[] args) throws Exception {
        String approvingBase = args.length > 2 && !args[2].isEmpty() ? args[2] : args[0];
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        new LongPollBenchmark(args[0], args[1], approvingBase).run(rounds);
    }

    private void run(int rounds) throws Exception {
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String requester = "lp-dev-" + suffix;
        String approver = "lp-lisa-" + suffix;
        String resource = "lp-db-" + suffix;
        String requesterToken = user(requester);
        String approverToken = user(approver);
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
                        "lp-policy-" + suffix,
                        "priority",
                        10,
                        "conditions",
                        Map.of("resourceName", resource),
                        "steps",
                        List.of(Map.of(
                                "name",
                                "Review",
                                "requiredApprovals",
                                1,
                                "approvers",
                                List.of(Map.of("user", approver))))));
        List<double[]> measured = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.printf("round %d of %d%n", round, rounds);
            double[] latencies = round(requesterToken, approverToken, resource);
            if (round > 1) {
                measured.add(latencies);
            }
        }
        if (!measured.isEmpty()) {
            System.out.printf("rounds 2 to %d together: ", rounds);
            print(measured.stream().flatMapToDouble(Arrays::stream).toArray());
        }
    }

    /** One round: 100 requests, 10 waiters on each, then the approvals; returns every waiter's latency. */
    private double[] round(String requesterToken, String approverToken, String resource) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(call(requesterToken, "POST", "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                    .get("id")
                    .asString());
        }

        long[][] answeredAt = new long[REQUESTS][WAITERS_PER_REQUEST];
        List<CompletableFuture<?>> waiters = new ArrayList<>();
        for (int r = 0; r < REQUESTS; r++) {
            for (int w = 0; w < WAITERS_PER_REQUEST; w++) {
                int request = r;
                int waiter = w;
                waiters.add(http.sendAsync(
                                get(requesterToken, "/api/v1/requests/" + ids.get(r) + "?wait=60"),
                                HttpResponse.BodyHandlers.ofString())
                        .thenAccept(response -> {
                            answeredAt[request][waiter] = System.nanoTime();
                            if (response.statusCode() != 200 || !response.body().contains("\"APPROVED\"")) {
                                throw new IllegalStateException(response.statusCode() + " " + response.body());
                            }
                        }));
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        double waiting = 0;
        while (waiting < REQUESTS * WAITERS_PER_REQUEST && System.nanoTime() < deadline) {
            waiting = metric("countersign.requests.waiting");
        }
        double heap = metric("jvm.memory.used?tag=area:heap");
        System.out.printf("waiting on the server: %.0f, heap used while waiting: %.1f MiB%n", waiting, heap / 1048576);

        long[] approvedAt = new long[REQUESTS];
        long start = System.nanoTime();
        for (int r = 0; r < REQUESTS; r++) {
            BenchCalls.call(
                    http, approvingBase, approverToken, "POST", "/api/v1/requests/" + ids.get(r) + "/approve", null);
            approvedAt[r] = System.nanoTime();
        }
        System.out.printf(
                "100 approvals on %s took %d ms%n",
                approvingBase.equals(base) ? "the waiters' instance" : "another instance",
                (System.nanoTime() - start) / 1_000_000);
        CompletableFuture.allOf(waiters.toArray(CompletableFuture[]::new)).join();

        double[] latencies = new double[REQUESTS * WAITERS_PER_REQUEST];
        for (int r = 0; r < REQUESTS; r++) {
            for (int w = 0; w < WAITERS_PER_REQUEST; w++) {
                latencies[r * WAITERS_PER_REQUEST + w] = (answeredAt[r][w] - approvedAt[r]) / 1e6;
            }
        }
        print(latencies);
        return latencies;
    }

    private static void print(double[] latencies) {
        double[] sorted = latencies.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "answer after approval (ms): min %.1f, p50 %.1f, p99 %.1f, max %.1f (%d answers)%n",
                sorted[0],
                sorted[sorted.length / 2],
                sorted[(int) (sorted.length * 0.99) - 1],
                sorted[sorted.length - 1],
                sorted.length);
    }

    private String user(String name) throws Exception {
        call(admin, "POST", "/api/v1/users", Map.of("username", name, "email", name + "@example.com", "role", "USER"));
        return call(admin, "POST", "/api/v1/users/" + name + "/tokens", Map.of("name", "bench"))
                .get("token")
                .asString();
    }

    private double metric(String name) throws Exception {
        return call(admin, "GET", "/actuator/metrics/" + name, null)
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    private HttpRequest get(String token, String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
    }

    private JsonNode call(String token, String method, String path, Object body) throws Exception {
        return BenchCalls.call(http, base, token, method, path, body);
    }
}
