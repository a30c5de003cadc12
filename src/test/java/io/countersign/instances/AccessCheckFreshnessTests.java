package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The access check answers from memory on PostgreSQL and is still never behind the database: while
 * instance b answers checks from several threads at once, a change committed on instance a is the
 * answer of every check on b that started after the change's commit was acknowledged.
 */
class AccessCheckFreshnessTests extends TwoInstancesTestBase {

    private static final int THREADS = 6;

    @BeforeAll
    static void start() {
        startOnOneDatabase();
    }

    String requester;
    String requesterName;
    String approver;
    String enforcer;
    String resource;

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

    /** Checks on b from several threads: 60 before the change, 200 after it. */
    private static ProbesUnderLoad<Boolean> checks() {
        return new ProbesUnderLoad<>(THREADS, 60, 200);
    }

    private double databaseReadsOnB() {
        return counterOnB("countersign.access.check.database.reads");
    }

    private double counterOnB(String name) {
        return b.counter(name);
    }

    @Test
    void noCheckOnTheOtherInstanceStartedAfterARevokeCommittedAnswersAllowed() throws Exception {
        String grant = approvedGrant();
        await().atMost(Duration.ofSeconds(10)).until(this::allowedOnB);
        double readsBefore = databaseReadsOnB();
        double waitsBefore = counterOnB("countersign.access.check.fence.waits");
        ProbesUnderLoad<Boolean> load = checks();

        List<?> checks = load.run(
                this::allowedOnB,
                () -> a.asAdmin("POST", "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                        .expect(200));

        assertThat(load.before()).contains(true);
        assertThat(load.after()).isNotEmpty().doesNotContain(true);
        // the load was answered from memory: only the key's first read after the change went to the database
        assertThat(databaseReadsOnB() - readsBefore).isLessThan(checks.size() / 2.0);
        // and allowed without waiting for a fence: the revoke was acknowledged only once b's recent view covered it
        long allowed = load.before().stream().filter(Boolean::booleanValue).count();
        assertThat(counterOnB("countersign.access.check.fence.waits") - waitsBefore)
                .isLessThan(checks.size() - allowed / 2.0);
    }

    private double heldOnA() {
        return a.counter("countersign.access.withdrawals.held");
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
        ProbesUnderLoad<Boolean> load = checks();

        load.run(this::allowedOnB, this::approvedGrant);

        assertThat(load.before()).isNotEmpty();
        assertThat(load.after()).isNotEmpty().containsOnly(true);
    }

    @Test
    void anExtensionApprovedOnOneInstanceIsInForceOnTheOtherPastTheOldEnd() throws Exception {
        String grant = approvedGrant();
        await().atMost(Duration.ofSeconds(10)).until(this::allowedOnB);
        ProbesUnderLoad<Boolean> load = checks();

        load.run(this::allowedOnB, () -> {
            String extension = a.post(requester, "/api/v1/grants/" + grant + "/extend", Map.of("duration", "PT2H"))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            a.post(approver, "/api/v1/requests/" + extension + "/approve", null).expect(200);
            // past the grant's first end, within its extended one
            clock.advance(Duration.ofMinutes(90));
        });

        assertThat(load.after()).isNotEmpty().containsOnly(true);
        a.asAdmin("POST", "/api/v1/grants/" + grant + "/revoke", Map.of("reason", "done"))
                .expect(200);
    }

    @Test
    void aRefusedCheckCountsAtMostOneWaitForTheFence() {
        double waitsBefore = counterOnB("countersign.access.check.fence.waits");

        for (int i = 0; i < 5; i++) {
            b.get(enforcer, "/api/v1/access/check?user=" + requesterName + "&account=admin")
                    .expect(400);
        }

        // the lean path's refusal is asked again by the full one, which must not count a second wait
        assertThat(counterOnB("countersign.access.check.fence.waits") - waitsBefore)
                .isLessThanOrEqualTo(5);
    }
}
