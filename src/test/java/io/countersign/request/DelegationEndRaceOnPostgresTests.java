package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.LockWaits;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A delegate deciding while the delegator ends the delegation: either the decision commits first and
 * the end is dated after it, or the end commits first and the delegate has no say any more. No
 * decision is ever recorded through a delegation after its end.
 */
@CountersignTest
@OnPostgres
class DelegationEndRaceOnPostgresTests extends DelegationTestBase {

    private static final Duration A_WHILE = Duration.ofSeconds(10);
    private static final Duration A_MINUTE = Duration.ofMinutes(1);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Requests requests;

    @Autowired
    Delegations delegations;

    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void anEndThatWaitsForADelegatesDecisionIsDatedAfterIt() throws Exception {
        String delegation =
                delegate(lisa, sam, Map.of()).expect(201).json().get("id").asString();
        String id = request();
        // the test clock stands still but for the minute it moves on while the decision is held
        Instant released = clock.instant().plus(A_MINUTE);

        decisionHeldWhile(
                id,
                () -> api.as(lisa.token())
                        .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                        .expect(204));

        JsonNode decision = read(id).get("decisions").get(0);
        assertThat(decision.get("onBehalfOf").asString()).isEqualTo(lisa.name());
        Instant endedAt = Instant.parse(api.as(lisa.token())
                .get("/api/v1/users/" + lisa.name() + "/delegations")
                .expect(200)
                .json()
                .get(0)
                .get("endedAt")
                .asString());
        assertThat(endedAt)
                .isAfterOrEqualTo(released)
                .isAfter(Instant.parse(decision.get("at").asString()));
    }

    @Test
    void aDelegatesDecisionThatWaitsForTheEndIsRefusedAndRecordsNothing() throws Exception {
        String delegation =
                delegate(lisa, sam, Map.of()).expect(201).json().get("id").asString();
        String id = request();

        Api.Response refused = firstHeldWhileSecondWaits(
                () -> delegations.end(
                        new Actor(lisa.name(), Role.USER, Channel.API, "127.0.0.1"), lisa.name(), delegation),
                () -> api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null),
                () -> {});

        assertThat(refused.status()).isBetween(400, 499);
        JsonNode read = read(id);
        assertThat(read.get("status").asString()).isEqualTo("PENDING");
        assertThat(read.get("decisions")).isEmpty();
    }

    @Test
    void anOffboardingThatWaitsForADelegatesDecisionEndsTheDelegationAfterIt() throws Exception {
        delegate(lisa, sam, Map.of()).expect(201);
        String id = request();
        // the test clock stands still but for the minute it moves on while the decision is held
        Instant released = clock.instant().plus(A_MINUTE);

        // sam, the delegate, leaves: the end of the delegation waits for the decision made through it
        decisionHeldWhile(
                id,
                () -> api.asAdmin()
                        .put(
                                "/api/v1/users/" + sam.name(),
                                Api.json(Map.of("email", sam.name() + "@example.com", "role", "USER", "active", false)))
                        .expect(200));

        Instant endedAt = Instant.parse(api.as(lisa.token())
                .get("/api/v1/users/" + lisa.name() + "/delegations")
                .expect(200)
                .json()
                .get(0)
                .get("endedAt")
                .asString());
        assertThat(endedAt).isAfterOrEqualTo(released);
    }

    private JsonNode read(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }

    /**
     * Sam's approval of {@code id}, held uncommitted until {@code waiting} is seen waiting for its locks;
     * the clock moves on {@link #A_MINUTE} before the approval commits, so that what waited is dated
     * after it.
     */
    private <T> T decisionHeldWhile(String id, Callable<T> waiting) throws Exception {
        return firstHeldWhileSecondWaits(
                () -> requests.approve(new Actor(sam.name(), Role.USER, Channel.API, "127.0.0.1"), id, null),
                waiting,
                () -> clock.advance(A_MINUTE));
    }

    /**
     * Runs {@code first} in a transaction held open until {@code second}, started meanwhile, waits for a
     * lock; then runs {@code beforeCommit} and lets the first commit. Answers what the second answered.
     */
    private <T> T firstHeldWhileSecondWaits(Runnable first, Callable<T> second, Runnable beforeCommit)
            throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> holding = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            first.run();
            held.countDown();
            awaitQuietly(release);
        }));
        assertThat(held.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<T> waiting = threads.submit(second);
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) > 0);
        beforeCommit.run();
        release.countDown();
        holding.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        return waiting.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
    }

    private static void awaitQuietly(CountDownLatch release) {
        try {
            release.await(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
