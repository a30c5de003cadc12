package io.countersign.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class PolicyReferencesTests {

    @Autowired
    Api api;

    @Test
    void aGroupThatAPolicyNamesCannotBeDeletedUntilThePolicyIsGone() {
        String group = Api.unique("approvers");
        String policy = Api.unique("uses-group");
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", group + "-lead", "email", "lead@example.com")))
                .expect(201);
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", group, "members", List.of(group + "-lead"))))
                .expect(201);
        api.asAdmin()
                .post("/api/v1/policies", policyNaming(policy, Map.of("group", group)))
                .expect(201);

        var refused = api.asAdmin().delete("/api/v1/groups/" + group);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("policy:" + policy);
        api.asAdmin().delete("/api/v1/policies/" + policy).expect(204);
        api.asAdmin().delete("/api/v1/groups/" + group).expect(204);
    }

    @Test
    void aLevelThatAPolicyNamesCannotBeRemovedFromTheLevels() {
        String level = Api.unique("rank");
        List<String> levels = new ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(node -> levels.add(node.asString()));
        List<String> withNewLevel = new ArrayList<>(levels);
        withNewLevel.add(level);
        api.asAdmin().put("/api/v1/levels", Api.json(withNewLevel)).expect(200);
        String policy = Api.unique("uses-level");
        api.asAdmin()
                .post("/api/v1/policies", policyNaming(policy, Map.of("minLevel", level)))
                .expect(201);

        var refused = api.asAdmin().put("/api/v1/levels", Api.json(levels));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("policy:" + policy);
        assertThat(api.asAdmin().get("/api/v1/levels").json().toString()).contains(level);
    }

    private static String policyNaming(String name, Map<String, String> selector) {
        return Api.json(Map.of(
                "name",
                name,
                "enabled",
                false,
                "conditions",
                Map.of("resourceName", name + "-*"),
                "steps",
                List.of(Map.of("approvers", List.of(selector), "requiredApprovals", 1))));
    }
}
