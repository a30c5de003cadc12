package io.countersign.bench;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Countersign's side of the comparison with the Flowable peer ({@code bench/compare.sh}): the same
 * two-step approval (Manager Review by one of the managers, then Security Review by one of the
 * security team), the same clients and the same number of requests, but over HTTP with API tokens
 * against a running instance. Phases, as the peer's: N creations; for each of them the two decisions
 * in order (each decision timed on its own); N fresh lifecycles (create and both decisions in one
 * client). Before them, warm-up lifecycles.
 *
 * <p>Arguments: base URL, admin token, clients (16), requests (4000), warm-up lifecycles (500). The
 * last line is {@code countersign creations_per_s=… decisions_per_s=… decision_p50_ms=…
 * decision_p99_ms=… lifecycles_per_s=… errors=… clients=… requests=…}; the lines {@code
 * CHECK_TOKEN=…}, {@code CHECK_USER=…}, {@code CHECK_RESOURCE=…} and {@code CHECK_ACCOUNT=…} before it
 * name a user holding a grant and an enforcer token for the access-check load.
 */
public final class PeerComparisonBenchmark {

    private static final int APPROVERS_PER_GROUP = 4;

    private final String base;
    private final String adminToken;
    private final HttpClient setup = HttpClient.newHttpClient();
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    private final List<String> requesters = new ArrayList<>();
    private final List<String> requesterTokens = new ArrayList<>();
    private final List<String> managerTokens = new ArrayList<>();
    private final List<String> securityTokens = new ArrayList<>();
    private final AtomicLong errors = new AtomicLong();

    private PeerComparisonBenchmark(String base, String adminToken) {
        this.base = base;
        this.adminToken = adminToken;
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 4000;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 500;
        new PeerComparisonBenchmark(base, token).run(clients, requests, warmup);
    }

    private void run(int clients, int requests, int warmup) throws Exception {
        setUp(clients);
        phase("warm-up lifecycles", clients, warmup, (client, i) -> {
            String id = create(client, i);
            decide(client, i, id);
        });

        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        Timing creations = phase("creations", clients, requests, (client, i) -> created.add(create(client, i)));

        List<Long> decisionLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> firstLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Long> grantingLatencies = java.util.Collections.synchronizedList(new ArrayList<>());
        Timing decisions = phase("requests decided (two decisions each)", clients, requests, (client, i) -> {
            String id = created.poll();
            if (id != null) {
                List<Long> both = decide(client, i, id);
                decisionLatencies.addAll(both);
                firstLatencies.add(both.get(0));
                grantingLatencies.add(both.get(1));
            }
        });
        Timing lifecycles = phase("lifecycles", clients, requests, (client, i) -> {
            String id = create(client, i);
            decide(client, i, id);
        });

        long[] latencies =
                decisionLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] first =
                firstLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] granting =
                grantingLatencies.stream().mapToLong(Long::longValue).sorted().toArray();
        // the second decision of each request also issues its grant: told apart, the tail shows which one it is
        System.out.printf(
                "decision p50/p99 by kind: first %.2f/%.2f ms, granting %.2f/%.2f ms%n",
                percentile(first, 0.50),
                percentile(first, 0.99),
                percentile(granting, 0.50),
                percentile(granting, 0.99));
        String enforcer = userWithToken("bench-" + run + "-gateway", "ENFORCER");
        System.out.println("CHECK_TOKEN=" + enforcer);
        System.out.println("CHECK_USER=" + requesters.get(0));
        System.out.println("CHECK_RESOURCE=bench-db-" + run);
        System.out.println("CHECK_ACCOUNT=admin");
        System.out.printf(
                "countersign creations_per_s=%.1f decisions_per_s=%.1f decision_p50_ms=%.2f decision_p99_ms=%.2f"
                        + " lifecycles_per_s=%.1f errors=%d clients=%d requests=%d%n",
                requests / creations.seconds(),
                2.0 * requests / decisions.seconds(),
                percentile(latencies, 0.50),
                percentile(latencies, 0.99),
                requests / lifecycles.seconds(),
                errors.get(),
                clients,
                requests);
    }

    private String create(Client client, int i) throws Exception {
        return client.http()
                .call(
                        requesterTokens.get(client.index()),
                        "POST",
                        "/api/v1/requests",
                        Map.of(
                                "resource",
                                "bench-db-" + run,
                                "account",
                                "admin",
                                "duration",
                                "PT1H",
                                "justification",
                                "benchmark request " + i))
                .get("id")
                .asString();
    }

    /** Both decisions of one request, in order; returns each one's latency in microseconds. */
    private List<Long> decide(Client client, int i, String id) throws Exception {
        long first = System.nanoTime();
        approve(client, managerTokens.get(i % APPROVERS_PER_GROUP), id, "manager ok");
        long second = System.nanoTime();
        approve(client, securityTokens.get(i % APPROVERS_PER_GROUP), id, "security ok");
        long end = System.nanoTime();
        return List.of((second - first) / 1_000, (end - second) / 1_000);
    }

    private static void approve(Client client, String token, String id, String comment) throws Exception {
        client.http().call(token, "POST", "/api/v1/requests/" + id + "/approve", Map.of("comment", comment));
    }

    private void setUp(int clients) throws Exception {
        List<String> managers = new ArrayList<>();
        List<String> security = new ArrayList<>();
        for (int i = 0; i < APPROVERS_PER_GROUP; i++) {
            managers.add("bench-" + run + "-manager-" + i);
            managerTokens.add(userWithToken(managers.get(i), "USER"));
            security.add("bench-" + run + "-security-" + i);
            securityTokens.add(userWithToken(security.get(i), "USER"));
        }
        for (int i = 0; i < clients; i++) {
            requesters.add("bench-" + run + "-requester-" + i);
            requesterTokens.add(userWithToken(requesters.get(i), "USER"));
        }
        admin(
                "POST",
                "/api/v1/groups",
                Map.of("name", "bench-" + run + "-managers", "members", managers, "managers", List.of()));
        admin(
                "POST",
                "/api/v1/groups",
                Map.of("name", "bench-" + run + "-security", "members", security, "managers", List.of()));
        admin(
                "POST",
                "/api/v1/resources",
                Map.of("name", "bench-db-" + run, "type", "database", "accounts", List.of("admin")));
        admin(
                "POST",
                "/api/v1/policies",
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
                        List.of(step("Manager Review", "managers"), step("Security Review", "security"))));
    }

    private Map<String, Object> step(String name, String group) {
        return Map.of(
                "name",
                name,
                "approvers",
                List.of(Map.of("group", "bench-" + run + "-" + group)),
                "requiredApprovals",
                1);
    }

    private String userWithToken(String username, String role) throws Exception {
        admin("POST", "/api/v1/users", Map.of("username", username, "email", username + "@example.com", "role", role));
        return admin("POST", "/api/v1/users/" + username + "/tokens", Map.of("name", "bench"))
                .get("token")
                .asString();
    }

    private tools.jackson.databind.JsonNode admin(String method, String path, Object body) throws Exception {
        return BenchCalls.call(setup, base, adminToken, method, path, body);
    }

    private record Client(int index, BenchConnection http) {}

    private interface Operation {
        void perform(Client client, int request) throws Exception;
    }

    private record Timing(double seconds) {}

    /** Runs {@code count} operations on {@code clients} threads, each taking the next number. */
    private Timing phase(String name, int clients, int count, Operation operation) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(c, new BenchConnection(base));
            Thread thread = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    try {
                        operation.perform(client, i);
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 5) {
                            System.err.println(name + ": " + e.getMessage());
                        }
                    }
                }
                client.http().close();
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        System.out.printf("%s: %d in %.1f s (%.1f/s)%n", name, count, seconds, count / Math.max(seconds, 1e-9));
        return new Timing(seconds);
    }

    private static double percentile(long[] sortedMicros, double p) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        return sortedMicros[Math.min(sortedMicros.length - 1, (int) (sortedMicros.length * p))] / 1000.0;
    }
}
