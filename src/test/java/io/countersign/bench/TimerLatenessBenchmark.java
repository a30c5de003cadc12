package io.countersign.bench;

import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
import tools.jackson.databind.JsonNode;

/**
 * Measures how late the service's own timers fire: requests whose time-to-live ends, steps whose
 * deadline passes, and grants that start and end later, created round-robin on every instance given.
 * Lateness is the audit event's time minus the due instant the service itself reported, so both
 * come from the servers' clocks. Also counts any timer recorded more than once. Arguments: an
 * administrator's API token, then one base URL per instance.
 */
public final class TimerLatenessBenchmark {

    private static final int PER_KIND = 40;
    private static final Duration PATIENCE = Duration.ofSeconds(120);

    /** A timer to watch: the request it belongs to, the audit action it records, when it was due. */
    private record Timer(String kind, String requestId, String action, Instant due) {}

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String admin;
    private final List<String> bases;

    private TimerLatenessBenchmark(String admin, List<String> bases) {
        this.admin = admin;
        this.bases = bases;
    }

    public static void main(String[] args) throws Exception {
        new TimerLatenessBenchmark(args[0], List.of(args).subList(1, args.length)).run();
    }

    private void run() throws Exception {
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String dev = "tl-dev-" + suffix;
        String lisa = "tl-lisa-" + suffix;
        String devToken = user(dev);
        user(lisa);
        String ttlDb = resource("tl-ttl-" + suffix);
        String stepDb = resource("tl-step-" + suffix);
        String grantDb = resource("tl-grant-" + suffix);
        Map<String, Object> review = Map.of("name", "Review", "approvers", List.of(Map.of("user", lisa)));
        policy("tl-ttl-" + suffix, ttlDb, Map.of("requestTtl", "PT5S", "steps", List.of(review)));
        Map<String, Object> timed = Map.of(
                "name", "Review", "approvers", List.of(Map.of("user", lisa)), "timeout", "PT5S", "onTimeout", "REJECT");
        policy("tl-step-" + suffix, stepDb, Map.of("steps", List.of(timed)));
        policy("tl-grant-" + suffix, grantDb, Map.of("steps", List.of()));

        List<Timer> timers = new ArrayList<>();
        for (int i = 0; i < PER_KIND; i++) {
            String base = bases.get(i % bases.size());
            JsonNode expiring =
                    call(base, devToken, "POST", "/api/v1/requests", Map.of("resource", ttlDb, "account", "admin"));
            timers.add(new Timer(
                    "request time-to-live",
                    expiring.get("id").asString(),
                    "request.expired",
                    Instant.parse(expiring.get("expiresAt").asString())));
            JsonNode timing =
                    call(base, devToken, "POST", "/api/v1/requests", Map.of("resource", stepDb, "account", "admin"));
            timers.add(new Timer(
                    "step deadline",
                    timing.get("id").asString(),
                    "request.rejected",
                    Instant.parse(timing.get("steps").get(0).get("deadline").asString())));
            String startsAt = Instant.now().plusSeconds(6).toString();
            JsonNode granted = call(
                    base,
                    devToken,
                    "POST",
                    "/api/v1/requests",
                    Map.of("resource", grantDb, "account", "admin", "startsAt", startsAt, "duration", "PT5S"));
            JsonNode grant = granted.get("grant");
            timers.add(new Timer(
                    "grant start",
                    granted.get("id").asString(),
                    "grant.started",
                    Instant.parse(grant.get("startsAt").asString())));
            timers.add(new Timer(
                    "grant end",
                    granted.get("id").asString(),
                    "grant.expired",
                    Instant.parse(grant.get("endsAt").asString())));
        }

        // stay off the servers while the timers fire, so that polling does not add to their load
        Instant lastDue =
                timers.stream().map(Timer::due).max(Instant::compareTo).orElseThrow();
        Duration quiet = Duration.between(Instant.now(), lastDue).plusSeconds(3);
        Duration firstLook = quiet.isNegative() ? Duration.ZERO : quiet;
        Map<Timer, List<Instant>> fired = new java.util.LinkedHashMap<>();
        try {
            await().pollDelay(firstLook)
                    .pollInterval(Duration.ofMillis(500))
                    .atMost(firstLook.plus(PATIENCE))
                    .until(() -> {
                        for (Timer timer : timers) {
                            if (fired.getOrDefault(timer, List.of()).isEmpty()) {
                                fired.put(timer, recorded(timer));
                            }
                        }
                        return fired.values().stream().noneMatch(List::isEmpty);
                    });
        } catch (ConditionTimeoutException missing) {
            // reported below as timers that never fired
        }
        for (String kind : List.of("request time-to-live", "step deadline", "grant start", "grant end")) {
            report(kind, fired);
        }
    }

    private static void report(String kind, Map<Timer, List<Instant>> fired) {
        List<Double> lateness = new ArrayList<>();
        int missing = 0;
        int repeated = 0;
        for (Map.Entry<Timer, List<Instant>> entry : fired.entrySet()) {
            if (!entry.getKey().kind().equals(kind)) {
                continue;
            }
            List<Instant> at = entry.getValue();
            if (at.isEmpty()) {
                missing++;
                continue;
            }
            if (at.size() > 1) {
                repeated++;
            }
            lateness.add(Duration.between(entry.getKey().due(), at.get(0)).toNanos() / 1e6);
        }
        lateness.sort(Double::compare);
        int n = lateness.size();
        System.out.printf(
                "%-22s n=%d  lateness ms: min %.0f, p50 %.0f, p95 %.0f, max %.0f  (missing %d, recorded twice %d)%n",
                kind,
                n,
                n == 0 ? Double.NaN : lateness.get(0),
                n == 0 ? Double.NaN : lateness.get(n / 2),
                n == 0 ? Double.NaN : lateness.get(Math.max(0, (int) Math.ceil(n * 0.95) - 1)),
                n == 0 ? Double.NaN : lateness.get(n - 1),
                missing,
                repeated);
    }

    /** When the service recorded the timer's action for its request, every time it did. */
    private List<Instant> recorded(Timer timer) throws Exception {
        JsonNode page = call(
                bases.get(0),
                admin,
                "GET",
                "/api/v1/audit?requestId=" + timer.requestId() + "&action=" + timer.action() + "&actor=system",
                null);
        List<Instant> at = new ArrayList<>();
        page.get("items")
                .forEach(item -> at.add(Instant.parse(item.get("occurredAt").asString())));
        return at;
    }

    private String user(String name) throws Exception {
        call(bases.get(0), admin, "POST", "/api/v1/users", Map.of("username", name, "email", name + "@example.com"));
        return call(bases.get(0), admin, "POST", "/api/v1/users/" + name + "/tokens", Map.of("name", "bench"))
                .get("token")
                .asString();
    }

    private String resource(String name) throws Exception {
        call(
                bases.get(0),
                admin,
                "POST",
                "/api/v1/resources",
                Map.of("name", name, "type", "database", "accounts", List.of("admin")));
        return name;
    }

    private void policy(String name, String resource, Map<String, Object> rest) throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(rest);
        body.put("name", name);
        body.put("priority", 10);
        body.put("conditions", Map.of("resourceName", resource));
        call(bases.get(0), admin, "POST", "/api/v1/policies", body);
    }

    private JsonNode call(String base, String token, String method, String path, Object body) throws Exception {
        return BenchCalls.call(http, base, token, method, path, body);
    }
}
