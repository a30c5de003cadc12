package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Delegations and policies are read from memory on the write path, and are still never behind the
 * database: while instance b serves a stream of calls that rest on them, a change committed on
 * instance a governs every call on b sent after the change was acknowledged.
 */
class ApprovalRightsFreshnessTests extends TwoInstancesTestBase {

    private static final int THREADS = 4;

    @BeforeAll
    static void start() {
        startOnOneDatabase();
    }

    String requester;
    String requesterName;
    String lisa;
    String lisaName;
    String samName;
    String sam;

    @BeforeEach
    void organisation() {
        requesterName = Api.unique("dev");
        lisaName = Api.unique("lisa");
        samName = Api.unique("sam");
        requester = a.user(requesterName, "USER");
        lisa = a.user(lisaName, "USER");
        sam = a.user(samName, "USER");
    }

    @Test
    void noCallOnTheOtherInstanceSentAfterADelegationEndedActsThroughIt() throws Exception {
        String resource = a.resourceReviewedBy(lisaName, "PT1H");
        String delegation = lisaDelegatesToSam();
        String request = a.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                .expect(201)
                .json()
                .get("id")
                .asString();
        ProbesUnderLoad<Integer> load = new ProbesUnderLoad<>(THREADS, 40, 150);

        // sam sees the request only as lisa's delegate
        load.run(
                () -> b.get(sam, "/api/v1/requests/" + request).status(),
                () -> a.asAdmin("DELETE", "/api/v1/users/" + lisaName + "/delegations/" + delegation, null)
                        .expect(204));

        assertThat(load.before()).contains(200);
        assertThat(load.after()).isNotEmpty().containsOnly(404);
        b.post(sam, "/api/v1/requests/" + request + "/approve", null).expect(404);
        assertThat(a.get(requester, "/api/v1/requests/" + request)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("PENDING");
    }

    @Test
    void everyRequestOpenedOnTheOtherInstanceAfterAPolicyChangedIsPlannedUnderIt() throws Exception {
        String resource = a.resourceWithoutPolicy();
        String policy = Api.unique("policy");
        a.asAdmin("POST", "/api/v1/policies", Instance.reviewPolicy(policy, resource, lisaName))
                .expect(201);
        ProbesUnderLoad<String> load = new ProbesUnderLoad<>(THREADS, 40, 100);

        load.run(
                () -> b.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                        .expect(201)
                        .json()
                        .get("steps")
                        .get(0)
                        .get("eligibleApprovers")
                        .get(0)
                        .asString(),
                () -> a.asAdmin("PUT", "/api/v1/policies/" + policy, Instance.reviewPolicy(policy, resource, samName))
                        .expect(200));

        assertThat(load.before()).contains(lisaName);
        assertThat(load.after()).isNotEmpty().containsOnly(samName);
    }

    @Test
    void aPolicyChangedAndADelegationStartedOrEndedHoldTheirAcknowledgement() {
        String resource = a.resourceWithoutPolicy();
        double before = heldOnA();

        String policy = Api.unique("policy");
        a.asAdmin("POST", "/api/v1/policies", Instance.reviewPolicy(policy, resource, lisaName))
                .expect(201);
        assertThat(heldOnA()).as("a policy created").isEqualTo(before + 1);
        String delegation = lisaDelegatesToSam();
        assertThat(heldOnA()).as("a delegation started").isEqualTo(before + 2);
        a.asAdmin("DELETE", "/api/v1/users/" + lisaName + "/delegations/" + delegation, null)
                .expect(204);
        assertThat(heldOnA()).as("a delegation ended").isEqualTo(before + 3);
        a.post(requester, "/api/v1/requests", Map.of("resource", resource, "account", "admin"))
                .expect(201);
        assertThat(heldOnA()).as("a request planned under them").isEqualTo(before + 3);
    }

    private static double heldOnA() {
        return a.counter("countersign.access.withdrawals.held");
    }

    /** Lisa delegates to sam for a day; returns the delegation's id. */
    private String lisaDelegatesToSam() {
        return a.post(
                        lisa,
                        "/api/v1/users/" + lisaName + "/delegations",
                        Map.of(
                                "delegate",
                                samName,
                                "until",
                                clock.instant().plus(Duration.ofDays(1)).toString()))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }
}
