package io.countersign.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.directory.Users;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.LockWaits;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

/**
 * Two first sign-ins of the same new person at the same moment (a double click, two tabs): both find
 * no user and both create one, and the loser of the insert signs in as the user the winner created.
 */
@CountersignTest
@OnPostgres
class FirstSingleSignOnRaceOnPostgresTests {

    private static final Duration A_WHILE = Duration.ofSeconds(10);
    private static final String SOURCE = "192.0.2.9";

    @Autowired
    Api api;

    @Autowired
    Users users;

    @Autowired
    GroupMemberships memberships;

    @Autowired
    SignInRefusals refusals;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void twoFirstSignInsAtOnceCreateOneUserAndBothSignIn() throws Exception {
        String username = Api.unique("twin");
        var accounts = new SingleSignOnAccounts(
                users,
                memberships,
                refusals,
                new OidcProperties("https://idp.example.com", "countersign", null, List.of(), null, null, true));
        var identity = new SingleSignOnIdentity(null, username, username + "@example.com", true, "Twin", null);
        // an uncommitted row of the same name holds both inserts at the unique key, after both found no user
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        threads.submit(() -> transactions.executeWithoutResult(tx -> {
            var now = OffsetDateTime.now(ZoneOffset.UTC);
            jdbc.sql("insert into users (id, username, email, display_name, role, active, version, created_at,"
                            + " updated_at) values (?, ?, ?, ?, 'USER', true, 0, ?, ?)")
                    .params("race-" + username, username, "holder@example.com", "Holder", now, now)
                    .update();
            held.countDown();
            try {
                release.await(A_WHILE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            tx.setRollbackOnly();
        }));
        assertThat(held.await(A_WHILE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        Future<SingleSignOnAccounts.Outcome> first = threads.submit(() -> accounts.signIn(identity, SOURCE));
        Future<SingleSignOnAccounts.Outcome> second = threads.submit(() -> accounts.signIn(identity, SOURCE));
        await().atMost(A_WHILE).pollInterval(Duration.ofMillis(10)).until(() -> LockWaits.statementsWaiting(jdbc) >= 2);
        release.countDown();

        for (var outcome : List.of(first.get(A_WHILE.toSeconds(), TimeUnit.SECONDS), second.get())) {
            assertThat(outcome.refusal()).isNull();
            assertThat(outcome.user().username()).isEqualTo(username);
        }
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + username)
                        .expect(200)
                        .json()
                        .get("email")
                        .asString())
                .isEqualTo(username + "@example.com");
        await().atMost(A_WHILE)
                .untilAsserted(() -> assertThat(api.asAdmin()
                                .get("/api/v1/audit?action=user.created&limit=500")
                                .expect(200)
                                .json()
                                .get("items")
                                .valueStream()
                                .filter(item -> ("user:" + username)
                                        .equals(item.get("target").asString())))
                        .hasSize(1));
    }
}
