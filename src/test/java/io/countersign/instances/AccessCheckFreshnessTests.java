package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.PostgresDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access check answers from memory on PostgreSQL and is still never behind the database: while
 * instance b answers checks from several threads at once, a change committed on instance a is the
 * answer of every check on b that started after the change's commit was acknowledged.
 */
class AccessCheckFreshnessTests {

    private static final int THREADS = 6;

    static final MutableClock clock = new MutableClock();
    static Instance a;
    static Instance b;

    String requester;
    String requesterName;
    String approver;
    String enforcer;
    String resource;

    /** One check on b: when it was sent and what it answered. */
    record Check(long startedAt, boolean allowed) {}

    @BeforeAll
    static void start() {
        String url = PostgresDatabases.createDatabase(
                "cs_" + UUID.randomUUID().toString().replace("-", ""));
        a = Instance.start("a", url, clock);
        b = Instance.start("b", url, clock);
    }

    @AfterAll
    static void stop() throws Exception {
        Instance.closeAll(a, b);
    }

    @BeforeEach
    void organisation() {
        requesterName = Api.unique("dev");
        String lisa = Api.unique("lisa");
        requester = a.user(requesterName, "USER");
        approver = a.user(lisa, "USER");
        enforcer = a.user(Api.unique("gateway"), "ENFORCER");
        resource = a.resourceReviewedBy(lisa, "PT1H");
    }

    private String checkPath() {
        return "/api/v1/access/check?user=" + requesterName + "&resource=" + resource + "&account=admin";
    }

    private boolean allowedOnB() {
        return b.get(enforcer, checkPath()).expect(200).json().get("allowed").asBoolean();
    }

    private String approvedGrant() {
        String id = a.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        return a.post(approver, "/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
    }

    private double databaseReadsOnB() {
        return counterOnB("countersign.access.check.database.reads");
    }

    private double counterOnB(String name) {
        return counterOn(b, name);
    }

    private static double counterOn(Instance instance, String name) {
        return instance.get(Api.ADMIN_TOKEN, "/actuator/metrics/" + name)
                .expect(200)
                .json()
                .get("measurements")
                .get(0)
                .get("value")
                .asDouble();
    }

    /**
     * Runs checks on b from several threads, does {@code change} once enough were answered, and
     * returns the instant its last step was acknowledged with every check sent until enough more came after.
     */
    private List<Check> underLoad(Runnable change, long[] changedAt) throws Exception {
        ConcurrentLinkedQueue<Check> checks = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> load = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                load.add(threads.submit(() -> {
                    while (running.get()) {
                        long startedAt = System.nanoTime();
                        checks.add(new Check(startedAt, allowedOnB()));
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> checks.size() >= 60);
            change.run();
            changedAt[0] = System.nanoTime();
            BooleanSupplier enoughAfter = () -> checks.stream()
                            .filter(check -> check.startedAt() > changedAt[0])
                            .count()
                    >= 200;
            await().atMost(Duration.ofSeconds(60)).until(enoughAfter::getAsBoolean);
        } finally {
            running.set(false);
            for (Future<?> each : load) {
                each.get();
            }
            threads.shutdownNow();
        }
        return List.copyOf(checks);
    }

    private static List<Check> startedAfter(List<Check> checks, long instant) {
        return checks.stream().filter(check -> check.startedAt() > instant).toList();
    }

    @Test
    void noCheckOnTheOtherInstanceStartedAfterARevokeCommittedAnswersAllowed() throws Exception {
        String grant = approvedGrant();
        await().atMost(Duration.ofSeconds(10)).until(this::allowedOnB);
        double readsBefore = databaseReadsOnB();
        double waitsBefore = counterOnB("countersign.access.check.fence.waits");
        long[] revokedAt = new long[1];

        List<Check> checks = underLoad(
                () -> a.asAdmin("POST", "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                        .expect(200),
                revokedAt);

        assertThat(checks.stream().filter(check -> check.startedAt() < revokedAt[0]))
                .anyMatch(Check::allowed);
        assertThat(startedAfter(checks, revokedAt[0])).isNotEmpty().noneMatch(Check::allowed);
        // the load was answered from memory: only the key's first read after the change went to the database
        assertThat(databaseReadsOnB() - readsBefore).isLessThan(checks.size() / 2.0);
        // and allowed without waiting for a fence: the revoke was acknowledged only once b's recent view covered it
        long allowed = checks.stream().filter(Check::allowed).count();
        assertThat(counterOnB("countersign.access.check.fence.waits") - waitsBefore)
                .isLessThan(checks.size() - allowed / 2.0);
    }

    private double heldOnA() {
        return counterOn(a, "countersign.access.withdrawals.held");
    }

    @Test
    void everyChangeThatTakesAccessAwayOrMovesItsEndHoldsItsAcknowledgementAndNothingElseDoes() {
        double before = heldOnA();
        String grant = approvedGrant();
        assertThat(heldOnA()).as("a request and its approval").isEqualTo(before);

        String extension = a.post(requester, "/api/v1/grants/" + grant + "/extend", Map.of("duration", "PT1H"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        assertThat(heldOnA()).as("an extension asked for").isEqualTo(before);
        a.post(approver, "/api/v1/requests/" + extension + "/approve", null).expect(200);
        assertThat(heldOnA()).as("an extension approved").isEqualTo(before + 1);

        a.asAdmin("POST", "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                .expect(200);
        assertThat(heldOnA()).as("a revoke").isEqualTo(before + 2);

        a.asAdmin(
                        "PUT",
                        "/api/v1/resources/" + resource,
                        Map.of("type", "database", "accounts", List.of("admin"), "labels", Map.of("env", "prod")))
                .expect(200);
        assertThat(heldOnA()).as("a resource replaced").isEqualTo(before + 3);

        String leaver = Api.unique("leaver");
        a.user(leaver, "USER");
        a.asAdmin("DELETE", "/api/v1/users/" + leaver, null).expect(204);
        assertThat(heldOnA()).as("a user deleted").isEqualTo(before + 4);
    }

    @Test
    void aGrantApprovedOnOneInstanceIsAllowedByEveryLaterCheckOnTheOther() throws Exception {
        assertThat(allowedOnB()).isFalse();
        long[] approvedAt = new long[1];

        List<Check> checks = underLoad(this::approvedGrant, approvedAt);

        assertThat(checks.stream().filter(check -> check.startedAt() < approvedAt[0]))
                .isNotEmpty();
        assertThat(startedAfter(checks, approvedAt[0])).isNotEmpty().allMatch(Check::allowed);
    }

    @Test
    void anExtensionApprovedOnOneInstanceIsInForceOnTheOtherPastTheOldEnd() throws Exception {
        String grant = approvedGrant();
        await().atMost(Duration.ofSeconds(10)).until(this::allowedOnB);
        long[] extendedAt = new long[1];

        List<Check> checks = underLoad(
                () -> {
                    String extension = a.post(
                                    requester, "/api/v1/grants/" + grant + "/extend", Map.of("duration", "PT2H"))
                            .expect(201)
                            .json()
                            .get("id")
                            .asString();
                    a.post(approver, "/api/v1/requests/" + extension + "/approve", null)
                            .expect(200);
                    // past the grant's first end, within its extended one
                    clock.advance(Duration.ofMinutes(90));
                },
                extendedAt);

        assertThat(startedAfter(checks, extendedAt[0])).isNotEmpty().allMatch(Check::allowed);
        a.asAdmin("POST", "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                .expect(200);
    }
}
