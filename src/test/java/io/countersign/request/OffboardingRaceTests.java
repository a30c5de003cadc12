package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.countersign.testing.Race;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Deactivations race the decisions they affect. Whatever the interleaving, every call answers (no
 * deadlock, no 500) and nothing of the person who left is left alive: a requester's requests are
 * cancelled or approved with their grants revoked, and an approver's places go while the others'
 * approvals still count.
 */
@CountersignTest
@OnPostgres
class OffboardingRaceTests {

    private static final int ROUNDS = 10;
    private static final int REQUESTS = 4;

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    private final Race race = new Race(REQUESTS + 1);

    @AfterEach
    void stopRacers() {
        race.close();
    }

    /** {@code REQUESTS} pending requests by {@code requester} under the policy of {@code resource}. */
    private List<String> requests(Organisation org, Person requester, String resource) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            ids.add(org.request(requester, resource).get("id").asString());
        }
        return ids;
    }

    /**
     * Starts {@code approver}'s approval of every request and the deactivation of {@code leaver} at
     * once; returns the answers' statuses, the approvals' in order and the deactivation's last.
     */
    private List<Integer> race(List<String> ids, Person approver, Person leaver) throws Exception {
        List<Callable<Integer>> calls = new ArrayList<>();
        for (String id : ids) {
            calls.add(() -> api.as(approver.token())
                    .post("/api/v1/requests/" + id + "/approve", null)
                    .status());
        }
        calls.add(() -> api.asAdmin()
                .put(
                        "/api/v1/users/" + leaver.name(),
                        Api.json(Map.of("email", leaver.name() + "@example.com", "active", false)))
                .status());
        return race.run(calls);
    }

    @Test
    void approvalsRacingADeactivationNeverLeaveTheUserWithAccess() throws Exception {
        Organisation org = new Organisation(api);
        Person lisa = org.person("lisa");
        Person gateway = org.person("gateway", "ENFORCER");
        String resource = org.resource();
        org.policy(resource, List.of(Organisation.step("Review", 1, lisa)));

        for (int round = 0; round < ROUNDS; round++) {
            Person dev = org.person("dev");
            List<String> ids = requests(org, dev, resource);
            List<Integer> answers = race(ids, lisa, dev);
            for (int answer : answers) {
                assertThat(answer).isIn(200, 409);
            }
            assertThat(answers.get(REQUESTS)).as("the deactivation").isEqualTo(200);

            assertThat(api.as(gateway.token())
                            .get("/api/v1/access/check?user=" + dev.name() + "&resource=" + resource + "&account=admin")
                            .expect(200)
                            .json()
                            .get("allowed")
                            .asBoolean())
                    .isFalse();
            for (String id : ids) {
                assertThat(api.status(id)).as(id).isIn("CANCELLED", "APPROVED");
                assertThat(jdbc.sql("select count(*) from grants where request_id = ? and status <> 'REVOKED'")
                                .param(id)
                                .query(Long.class)
                                .single())
                        .as(id)
                        .isZero();
            }
        }
    }

    @Test
    void approvalsRacingTheDeactivationOfAFellowApproverAllCount() throws Exception {
        Organisation org = new Organisation(api);
        Person dev = org.person("dev");
        Person lisa = org.person("lisa");
        String resource = org.resource();
        for (int round = 0; round < ROUNDS; round++) {
            Person tom = org.person("tom");
            String team = org.group(lisa, tom);
            String policy = org.policy(resource, List.of(Organisation.groupStep("Team", 1, team)));
            List<String> ids = requests(org, dev, resource);
            for (int answer : race(ids, lisa, tom)) {
                assertThat(answer).isEqualTo(200);
            }
            for (String id : ids) {
                assertThat(api.status(id)).as(id).isEqualTo("APPROVED");
            }
            api.asAdmin().delete("/api/v1/policies/" + policy).expect(204);
        }
    }
}
