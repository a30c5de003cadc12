package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.shared.Actor;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.LockWaits;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A first use claimed just before the claim window closes and committed just after: a check between
 * the two waits for the claim and answers from it, as every later check does.
 */
@CountersignTest
@OnPostgres
class FirstUseAtTheWindowsEndOnPostgresTests extends DevWithATokenTestBase {

    private static final Duration A_WHILE = Duration.ofSeconds(10);

    @Autowired
    FirstUse firstUse;

    @Autowired
    GrantRepository repository;

    @Autowired
    TransactionTemplate transactions;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private String gatewayToken;

    @BeforeEach
    void organisation() {
        gatewayToken = setup.tokenForNewUser(Api.unique("gateway"), "ENFORCER");
        setup.database(resource, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("on-first-use"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "defaultDuration",
                                "PT10S",
                                "startOnFirstUse",
                                true,
                                "claimWindow",
                                "PT15S",
                                "steps",
                                List.of())))
                .expect(201);
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private JsonNode check() {
        return api.as(gatewayToken)
                .get("/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin")
                .expect(200)
                .json();
    }

    @Test
    void aCheckJustAfterTheWindowClosesAnswersFromTheClaimStillCommitting() throws Exception {
        String id = api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")))
                .expect(201)
                .json()
                .get("grant")
                .get("id")
                .asString();
        Grant waiting = repository.find(id, clock.instant()).orElseThrow();
        Instant claimedAt = waiting.endsAt().minusMillis(40);
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<Optional<Grant>> claim = threads.submit(() -> transactions.execute(tx -> {
            Optional<Grant> started = firstUse.start(Actor.system(), waiting, claimedAt);
            claimed.countDown();
            try {
                commit.await(A_WHILE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return started;
        }));
        assertThat(claimed.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        clock.set(waiting.endsAt().plusMillis(5));
        Future<JsonNode> answer = threads.submit(this::check);
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) > 0);
        commit.countDown();

        assertThat(claim.get(A_WHILE.toSeconds(), TimeUnit.SECONDS))
                .map(Grant::clockStartedAt)
                .contains(claimedAt);
        JsonNode decision = answer.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        assertThat(decision.get("allowed").asBoolean()).isTrue();
        assertThat(decision.get("grantId").asString()).isEqualTo(id);
        assertThat(Instant.parse(decision.get("clockStartedAt").asString())).isEqualTo(claimedAt);
        clock.advance(Duration.ofMillis(500));
        assertThat(Instant.parse(check().get("clockStartedAt").asString())).isEqualTo(claimedAt);
    }
}
