package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.LockWaits;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A revoke that waits for another change of the grant (an extension being approved) is dated once it
 * holds the grant: the audit trail never shows a grant changed after the time it was revoked.
 */
@CountersignTest
@OnPostgres
class RevokeTimeOnPostgresTests extends DevWithATokenTestBase {

    private static final Duration A_WHILE = Duration.ofSeconds(10);

    @Autowired
    GrantRepository repository;

    @Autowired
    TransactionTemplate transactions;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aRevokeWaitingForAnotherChangeOfTheGrantIsDatedWhenItHoldsTheGrant() throws Exception {
        setup.database(resource, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("at-once"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "steps",
                                List.of())))
                .expect(201);
        String id = api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")))
                .expect(201)
                .json()
                .get("grant")
                .get("id")
                .asString();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> otherChange = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            repository.lock(id, clock.instant()).orElseThrow();
            held.countDown();
            try {
                release.await(A_WHILE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        assertThat(held.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<JsonNode> revoke = threads.submit(() -> api.as(devToken)
                .post("/api/v1/grants/" + id + "/revoke", null)
                .expect(200)
                .json());
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) > 0);
        clock.advance(Duration.ofMinutes(1));
        Instant released = clock.instant();
        release.countDown();
        otherChange.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);

        JsonNode revoked = revoke.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        assertThat(revoked.get("status").asString()).isEqualTo("REVOKED");
        assertThat(Instant.parse(revoked.get("revokedAt").asString())).isAfterOrEqualTo(released);
    }
}
