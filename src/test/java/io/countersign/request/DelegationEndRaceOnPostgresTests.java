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
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> deciding = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            requests.approve(new Actor(sam.name(), Role.USER, Channel.API, "127.0.0.1"), id, null);
            held.countDown();
            awaitQuietly(release);
        }));
        assertThat(held.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<?> ending = threads.submit(() -> api.as(lisa.token())
                .delete("/api/v1/users/" + lisa.name() + "/delegations/" + delegation)
                .expect(204));
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) > 0);
        clock.advance(Duration.ofMinutes(1));
        Instant released = clock.instant();
        release.countDown();
        deciding.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        ending.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);

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
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> ending = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            delegations.end(new Actor(lisa.name(), Role.USER, Channel.API, "127.0.0.1"), lisa.name(), delegation);
            held.countDown();
            awaitQuietly(release);
        }));
        assertThat(held.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<Api.Response> deciding =
                threads.submit(() -> api.as(sam.token()).post("/api/v1/requests/" + id + "/approve", null));
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) > 0);
        release.countDown();
        ending.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);

        Api.Response refused = deciding.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        assertThat(refused.status()).isBetween(400, 499);
        JsonNode read = read(id);
        assertThat(read.get("status").asString()).isEqualTo("PENDING");
        assertThat(read.get("decisions")).isEmpty();
    }

    @Test
    void anOffboardingThatWaitsForADelegatesDecisionEndsTheDelegationAfterIt() throws Exception {
        delegate(lisa, sam, Map.of()).expect(201);
        String id = request();
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> deciding = threads.submit(() -> transactions.executeWithoutResult(tx -> {
            requests.approve(new Actor(sam.name(), Role.USER, Channel.API, "127.0.0.1"), id, null);
            held.countDown();
            awaitQuietly(release);
        }));
        assertThat(held.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        // sam, the delegate, leaves: the end of the delegation waits for the decision made through it
        Future<?> leaving = threads.submit(() -> api.asAdmin()
                .put(
                        "/api/v1/users/" + sam.name(),
                        Api.json(Map.of("email", sam.name() + "@example.com", "role", "USER", "active", false)))
                .expect(200));
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) > 0);
        clock.advance(Duration.ofMinutes(1));
        Instant released = clock.instant();
        release.countDown();
        deciding.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        leaving.get(A_WHILE.toSeconds(), TimeUnit.SECONDS);

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

    private static void awaitQuietly(CountDownLatch release) {
        try {
            release.await(A_WHILE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
