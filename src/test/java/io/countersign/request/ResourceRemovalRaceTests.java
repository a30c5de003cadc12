package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deleting a resource or removing one of its accounts (by a replacement or an import) races the requests created for it and the
 * approvals of those already pending. Whatever the interleaving, every call answers (no deadlock, no
 * 500), and once the removal has committed no request for what was removed is still pending and no
 * grant on it is alive, even after every request left is approved.
 */
@CountersignTest
@OnPostgres
class ResourceRemovalRaceTests extends RequesterReviewerGatewayTestBase {

    private static final int ROUNDS = 10;
    private static final int PENDING = 3;
    private static final int CREATIONS = 4;

    @Autowired
    JdbcClient jdbc;

    private final ExecutorService racers = Executors.newFixedThreadPool(PENDING + CREATIONS + 1);

    @AfterEach
    void stopRacers() {
        racers.shutdownNow();
    }

    @Test
    void requestsAndApprovalsRacingADeletionLeaveNoAccessToTheResource() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String resource = org.resource();
            org.policy(resource, List.of(Organisation.step("Review", 1, lisa)));
            race(
                    resource,
                    () -> api.asAdmin().delete("/api/v1/resources/" + resource).status());
        }
    }

    @Test
    void requestsAndApprovalsRacingTheRemovalOfTheirAccountLeaveNoAccessToIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String resource = org.resource();
            org.policy(resource, List.of(Organisation.step("Review", 1, lisa)));
            race(
                    resource,
                    () -> api.asAdmin()
                            .put(
                                    "/api/v1/resources/" + resource,
                                    Api.json(Map.of("type", "database", "accounts", List.of("readonly"))))
                            .status());
        }
    }

    @Test
    void requestsAndApprovalsRacingAnImportThatRemovesTheirAccountLeaveNoAccessToIt() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String resource = org.resource();
            org.policy(resource, List.of(Organisation.step("Review", 1, lisa)));
            race(
                    resource,
                    () -> api.asAdmin()
                            .post(
                                    "/api/v1/import",
                                    Api.json(Map.of(
                                            "resources",
                                            List.of(Map.of(
                                                    "name",
                                                    resource,
                                                    "type",
                                                    "database",
                                                    "accounts",
                                                    List.of("readonly"))))))
                            .status());
        }
    }

    /** Races creations, approvals and {@code removal} of the {@code admin} account, then checks what is left. */
    private void race(String resource, Callable<Integer> removal) throws Exception {
        List<String> pending = new ArrayList<>();
        for (int i = 0; i < PENDING; i++) {
            pending.add(org.request(dev, resource).get("id").asString());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String id : pending) {
            answers.add(racers.submit(() -> {
                start.await();
                return api.as(lisa.token())
                        .post("/api/v1/requests/" + id + "/approve", null)
                        .status();
            }));
        }
        for (int i = 0; i < CREATIONS; i++) {
            answers.add(racers.submit(() -> {
                start.await();
                return api.as(dev.token())
                        .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")))
                        .status();
            }));
        }
        Future<Integer> removed = racers.submit(() -> {
            start.await();
            return removal.call();
        });
        start.countDown();
        assertThat(removed.get()).as("the removal").isIn(200, 204);
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isLessThan(500);
        }

        // whatever a creation slipped past the removal would now turn into a live grant
        for (String id : jdbc.sql("select id from access_requests where resource_name = ? and status = 'PENDING'")
                .param(resource)
                .query(String.class)
                .list()) {
            api.as(lisa.token()).post("/api/v1/requests/" + id + "/approve", null);
        }
        assertThat(jdbc.sql("""
                        select count(*) from grants
                        where resource_name = ? and account_name = 'admin' and status <> 'REVOKED'""").param(resource).query(Long.class).single())
                .as("grants alive on " + resource)
                .isZero();
        assertThat(api.as(gateway.token())
                        .get("/api/v1/access/check?user=" + dev.name() + "&resource=" + resource + "&account=admin")
                        .expect(200)
                        .json()
                        .get("allowed")
                        .asBoolean())
                .isFalse();
    }
}
