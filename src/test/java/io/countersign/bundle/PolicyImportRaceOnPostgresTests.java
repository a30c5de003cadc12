package io.countersign.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.policy.Policies;
import io.countersign.policy.PolicyDefinition;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

/**
 * An import that changes a policy races a replacement of the same policy through the API. Both take
 * the policy's row before the policies' revision, so one waits for the other and neither deadlocks.
 */
@CountersignTest
@OnPostgres
class PolicyImportRaceOnPostgresTests extends BundleImportRaceTestBase {

    @Autowired
    Policies policies;

    @Test
    void anImportAndAReplacementOfTheSamePolicyAtOnceBothAnswer() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            String name = policy();
            String tag =
                    api.asAdmin().get("/api/v1/policies/" + name).expect(200).header("ETag");

            List<Integer> answers = race.run(List.of(
                    () -> importer.yaml(policyBundle(name, 5)).status(),
                    () -> api.asAdmin()
                            .call(HttpMethod.PUT, "/api/v1/policies/" + name, policyJson(name, 7), "If-Match", tag)
                            .status()));

            assertThat(answers.get(0)).as("the import").isEqualTo(200);
            // 412 when the import came first: the replacement's version is then an old one
            assertThat(answers.get(1)).as("the replacement").isIn(200, 412);
        }
    }

    @Test
    void anImportAfterAReplacementWaitsForItAndThenChangesThePolicy() throws Exception {
        String name = policy();

        Api.Response imported = held().firstThenSecond(
                        () -> {
                            // as a replacement with If-Match does: the row locked to compare its version, then the
                            // change
                            policies.revision(name, true);
                            policies.replace(ADMIN, name, definition(name, 7));
                        },
                        () -> importer.yaml(policyBundle(name, 5)));

        assertThat(imported.status()).isEqualTo(200);
        assertThat(priority(name)).isEqualTo(5);
    }

    @Test
    void aReplacementThatLockedThePolicyBeforeAnImportChangedItNeverDeadlocks() throws Exception {
        String name = policy();

        // the import starts between the replacement's version check and its change
        Api.Response imported = held().firstThenSecond(
                        () -> policies.revision(name, true),
                        () -> policies.replace(ADMIN, name, definition(name, 7)),
                        () -> importer.yaml(policyBundle(name, 5)));

        assertThat(imported.status()).isEqualTo(200);
        assertThat(priority(name)).isEqualTo(5);
    }

    private int priority(String name) {
        return api.asAdmin()
                .get("/api/v1/policies/" + name)
                .expect(200)
                .json()
                .get("priority")
                .asInt();
    }

    /** A new policy with priority 1. */
    private String policy() {
        String name = Api.unique(id + "-p");
        api.asAdmin().post("/api/v1/policies", policyJson(name, 1)).expect(201);
        return name;
    }

    private static PolicyDefinition definition(String name, int priority) {
        return Api.JSON_READER.readValue(policyJson(name, priority), PolicyDefinition.class);
    }

    private static String policyJson(String name, int priority) {
        return """
                {"name": "%s", "priority": %d, "conditions": {"resourceName": "%s-db*"},
                 "steps": [{"name": "Review", "approvers": [{"user": "admin"}], "requiredApprovals": 1}]}""".formatted(name, priority, name);
    }

    private static String policyBundle(String name, int priority) {
        return """
                policies:
                  - name: %s
                    priority: %d
                    conditions: {resourceName: "%s-db*"}
                    steps:
                      - {name: Review, approvers: [{user: admin}], requiredApprovals: 1}
                """.formatted(name, priority, name);
    }
}
