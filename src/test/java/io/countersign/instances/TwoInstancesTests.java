package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.countersign.request.RequestTimers;
import io.countersign.testing.Api;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two instances of the service on one PostgreSQL database, called over real HTTP: what one decides the
 * other sees and answers at once, and timers and webhooks run once for both.
 */
class TwoInstancesTests extends TwoInstancesTestBase {

    String requester;
    String approver;
    String resource;

    @BeforeAll
    static void start() {
        // b looks for decisions of the other instance only once a minute: what wakes its waiters at once
        // is the database notification
        startOnOneDatabase("--countersign.requests.waiter-poll=PT60S");
    }

    @BeforeEach
    void organisation() {
        String dev = Api.unique("dev");
        String lisa = Api.unique("lisa");
        requester = a.user(dev, "USER");
        approver = b.user(lisa, "USER");
        resource = a.resourceReviewedBy(lisa, "PT1H");
    }

    private String request(Instance on) {
        return on.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private long auditRows(String action, String requestId) {
        return a.bean(JdbcClient.class)
                .sql("select count(*) from audit_events where action = ? and target = ?")
                .params(action, "request:" + requestId)
                .query(Long.class)
                .single();
    }

    @Test
    void aDecisionTakenOnOneInstanceIsSeenByTheOtherAtOnce() {
        String id = request(a);

        a.post(approver, "/api/v1/requests/" + id + "/approve", Map.of("comment", "fine"))
                .expect(200);

        var seen = b.get(requester, "/api/v1/requests/" + id).expect(200).json();
        assertThat(seen.get("status").asString()).isEqualTo("APPROVED");
        assertThat(seen.get("grant").get("status").asString()).isEqualTo("ACTIVE");
    }

    @Test
    void aWaiterOnOneInstanceIsWokenByTheNotificationOfAnApprovalOnTheOther() throws Exception {
        String id = request(a);
        var waiting = b.send(requester, "GET", "/api/v1/requests/" + id + "?wait=10", null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> b.get(Api.ADMIN_TOKEN, "/actuator/metrics/countersign.requests.waiting")
                                .json()
                                .get("measurements")
                                .get(0)
                                .get("value")
                                .asDouble()
                        > 0);

        a.post(approver, "/api/v1/requests/" + id + "/approve", null).expect(200);

        await().atMost(Duration.ofMillis(1500)).until(waiting::isDone);
        var answer = waiting.get().expect(200).json();
        assertThat(answer.get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void afterARevokeCommitsOnOneInstanceTheOtherAnswersNotAllowed() {
        String id = request(b);
        String grant = b.post(approver, "/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
        String user = b.get(requester, "/api/v1/requests/" + id)
                .json()
                .get("requester")
                .asString();
        String check = "/api/v1/access/check?user=" + user + "&resource=" + resource + "&account=admin";
        assertThat(b.asAdmin("GET", check, null)
                        .expect(200)
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isTrue();

        a.asAdmin("POST", "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                .expect(200);

        assertThat(b.asAdmin("GET", check, null)
                        .expect(200)
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aRequestTimeToLiveEndsOnceAcrossBothInstances() {
        List<String> ids = List.of(request(a), request(b), request(a));

        clock.advance(Duration.ofHours(2));
        CompletableFuture.allOf(
                        CompletableFuture.runAsync(
                                () -> a.bean(RequestTimers.class).sweep()),
                        CompletableFuture.runAsync(
                                () -> b.bean(RequestTimers.class).sweep()))
                .join();

        for (String id : ids) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> b.get(requester, "/api/v1/requests/" + id)
                            .json()
                            .get("status")
                            .asString()
                            .equals("EXPIRED"));
            assertThat(auditRows("request.expired", id)).isEqualTo(1);
        }
    }

    @Test
    void aWebhookEventIsDeliveredOnceThoughBothInstancesDeliver() throws Exception {
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrivals.computeIfAbsent(
                            exchange.getRequestHeaders().getFirst("Countersign-Event-Id"), k -> new AtomicInteger())
                    .incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String webhook = a.asAdmin(
                            "POST",
                            "/api/v1/webhooks",
                            Map.of(
                                    "url",
                                    url,
                                    "events",
                                    List.of("request.created"),
                                    "secret",
                                    "shared-secret-0123456789"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();

            for (int i = 0; i < 10; i++) {
                request(i % 2 == 0 ? a : b);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                var items = b.asAdmin("GET", "/api/v1/webhooks/" + webhook + "/deliveries?limit=100", null)
                        .json()
                        .get("items");
                return items.size() == 10
                        && items.valueStream()
                                .allMatch(item -> item.get("state").asString().equals("DELIVERED"));
            });
            var items = b.asAdmin("GET", "/api/v1/webhooks/" + webhook + "/deliveries?limit=100", null)
                    .json()
                    .get("items");
            assertThat(items.valueStream().map(item -> item.get("attempts").size()))
                    .containsOnly(1);
            assertThat(arrivals).hasSize(10);
            assertThat(arrivals.values()).allMatch(count -> count.get() == 1);
            a.asAdmin("DELETE", "/api/v1/webhooks/" + webhook, null);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theFirstChecksOnBothInstancesAtOnceStartAFirstUseClockOnce() {
        for (int round = 0; round < 3; round++) {
            String onFirstUse = Api.unique("db");
            a.asAdmin(
                            "POST",
                            "/api/v1/resources",
                            Map.of("name", onFirstUse, "type", "database", "accounts", List.of("admin")))
                    .expect(201);
            a.asAdmin(
                            "POST",
                            "/api/v1/policies",
                            Map.of(
                                    "name",
                                    Api.unique("first-use"),
                                    "conditions",
                                    Map.of("resourceName", onFirstUse),
                                    "startOnFirstUse",
                                    true,
                                    "claimWindow",
                                    "P1D",
                                    "steps",
                                    List.of()))
                    .expect(201);
            var granted = b.post(requester, "/api/v1/requests", Map.of("resource", onFirstUse, "account", "admin"))
                    .expect(201)
                    .json();
            String grant = granted.get("grant").get("id").asString();
            String check = "/api/v1/access/check?user="
                    + granted.get("requester").asString() + "&resource=" + onFirstUse + "&account=admin";

            List<CompletableFuture<Instance.Answer>> checks = new java.util.ArrayList<>();
            for (int i = 0; i < 10; i++) {
                checks.add((i % 2 == 0 ? a : b).send(Api.ADMIN_TOKEN, "GET", check, null));
            }

            List<String> starts = checks.stream()
                    .map(answer -> answer.join().expect(200).json())
                    .peek(answer ->
                            assertThat(answer.get("allowed").asBoolean()).isTrue())
                    .map(answer -> answer.get("clockStartedAt").asString())
                    .distinct()
                    .toList();
            assertThat(starts).hasSize(1);
            assertThat(a.bean(JdbcClient.class)
                            .sql("select count(*) from audit_events where action = 'grant.first_used' and target = ?")
                            .param("grant:" + grant)
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
        }
    }
}
