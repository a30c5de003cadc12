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

    @Test
    void aUserGroupOrLevelNamedOnlyAsAnExtensionApproverCannotBeRemoved() {
        refusedWhileNamedOnlyInAnExtensionStep((user, group, level) -> Map.of(
                "approvers",
                List.of(Map.of("user", user), Map.of("group", group), Map.of("minLevel", level)),
                "requiredApprovals",
                1));
    }

    @Test
    void aUserGroupOrLevelNamedOnlyAsAnExtensionEscalationCannotBeRemoved() {
        refusedWhileNamedOnlyInAnExtensionStep((user, group, level) -> Map.of(
                "approvers",
                List.of(Map.of("requesterManager", true)),
                "requiredApprovals",
                1,
                "timeout",
                "PT1H",
                "onTimeout",
                "ESCALATE",
                "escalateTo",
                List.of(Map.of("user", user), Map.of("group", group), Map.of("minLevel", level))));
    }

    private interface ExtensionStep {
        Map<String, Object> naming(String user, String group, String level);
    }

    /** A later user, group or level of the same name would otherwise approve extensions in its place. */
    private void refusedWhileNamedOnlyInAnExtensionStep(ExtensionStep extensionStep) {
        String user = Api.unique("extender");
        String group = Api.unique("extenders");
        String level = Api.unique("extension-rank");
        String policy = Api.unique("uses-in-extension");
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", user, "email", "extender@example.com")))
                .expect(201);
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", group, "members", List.of(user))))
                .expect(201);
        List<String> levels = new ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(node -> levels.add(node.asString()));
        List<String> withNewLevel = new ArrayList<>(levels);
        withNewLevel.add(level);
        api.asAdmin().put("/api/v1/levels", Api.json(withNewLevel)).expect(200);
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                policy,
                                "enabled",
                                false,
                                "conditions",
                                Map.of("resourceName", policy + "-*"),
                                "steps",
                                List.of(Map.of("approvers", List.of(Map.of("requesterManager", true)))),
                                "extension",
                                Map.of(
                                        "maxTotalDuration",
                                        "PT12H",
                                        "steps",
                                        List.of(extensionStep.naming(user, group, level))))))
                .expect(201);

        var userRefused = api.asAdmin().delete("/api/v1/users/" + user);
        var groupRefused = api.asAdmin().delete("/api/v1/groups/" + group);
        var levelRefused = api.asAdmin().put("/api/v1/levels", Api.json(levels));

        assertThat(List.of(userRefused.status(), groupRefused.status(), levelRefused.status()))
                .containsOnly(409);
        assertThat(List.of(userRefused.body(), groupRefused.body(), levelRefused.body()))
                .allSatisfy(body -> assertThat(body).contains("policy:" + policy));
        api.asAdmin().get("/api/v1/users/" + user).expect(200);
        api.asAdmin().delete("/api/v1/policies/" + policy).expect(204);
        api.asAdmin().delete("/api/v1/groups/" + group).expect(204);
        api.asAdmin().delete("/api/v1/users/" + user).expect(204);
        api.asAdmin().put("/api/v1/levels", Api.json(levels)).expect(200);
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
