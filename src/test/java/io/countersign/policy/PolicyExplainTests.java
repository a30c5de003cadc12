package io.countersign.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.Actor;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.RefusedException;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Explain and planning against stored policies. A context of its own, so that no catch-all policy
 * another test class creates can govern the resources these tests expect to be ungoverned.
 */
@CountersignTest
@TestPropertySource(properties = "countersign.test.context=policy-explain")
class PolicyExplainTests {

    @Autowired
    Api api;

    @Autowired
    ApprovalPlanner planner;

    @Autowired
    Policies policies;

    private String lisa;
    private String dev;
    private String carol;
    private String sam;
    private String security;
    private String resource;

    @BeforeEach
    void identities() {
        Identities ids = new Identities(api);
        lisa = ids.user("lisa");
        dev = ids.user("dev", lisa);
        carol = ids.user("carol");
        sam = ids.user("sam");
        security = ids.group("security", List.of(carol, sam), List.of());
        resource = ids.resource("pg", List.of(), List.of(sam), "root", "rw-admin");
    }

    private String twoStepPolicy(String name) {
        return """
                {"name": "%s", "priority": 10, "conditions": {"resourceName": "%s", "accountName": "*-admin"},
                 "maxDuration": "PT4H",
                 "steps": [{"name": "Manager", "approvers": [{"requesterManager": true}]},
                           {"name": "Security", "approvers": [{"group": "%s"}], "requiredApprovals": 2}]}""".formatted(name, resource, security);
    }

    private JsonNode explain(String token, String requester, String account) {
        String body = requester == null
                ? Api.json(Map.of("resource", resource, "account", account))
                : Api.json(Map.of("requester", requester, "resource", resource, "account", account));
        return api.as(token).post("/api/v1/policies/explain", body).expect(200).json();
    }

    @Test
    void explainNamesTheGoverningPolicyWhyItMatchedItsStepsAndItsLimits() {
        String name = Api.unique("pg-admin");
        api.asAdmin().post("/api/v1/policies", twoStepPolicy(name)).expect(201);

        JsonNode answer = explain(Api.ADMIN_TOKEN, dev, "rw-admin");

        assertThat(answer.get("matched").asBoolean()).isTrue();
        assertThat(answer.get("requester").asString()).isEqualTo(dev);
        assertThat(answer.get("policy").asString()).isEqualTo(name);
        assertThat(answer.get("priority").asInt()).isEqualTo(10);
        assertThat(answer.get("reasons").get(0).asString())
                .isEqualTo("resource '" + resource + "' matches '" + resource + "'");
        assertThat(answer.get("reasons").get(1).asString()).isEqualTo("account 'rw-admin' matches '*-admin'");
        assertThat(answer.get("steps").get(0).get("eligibleApprovers").get(0).asString())
                .isEqualTo(lisa);
        assertThat(answer.get("steps").get(1).get("eligibleApprovers").size()).isEqualTo(2);
        assertThat(answer.get("steps").get(1).get("requiredApprovals").asInt()).isEqualTo(2);
        assertThat(answer.get("limits").get("maxDuration").asString()).isEqualTo("PT4H");
        assertThat(answer.get("feasible").asBoolean()).isTrue();
        assertThat(answer.get("autoApproved").asBoolean()).isFalse();
    }

    @Test
    void explainWithoutAMatchIsAnAnswerNotARefusal() {
        JsonNode answer = explain(Api.ADMIN_TOKEN, dev, "root");

        assertThat(answer.get("matched").asBoolean()).isFalse();
        assertThat(answer.get("code").asString()).isEqualTo("no_matching_policy");
        assertThat(answer.get("reason").asString())
                .isEqualTo(
                        "No enabled policy governs account 'root' on resource '" + resource + "'; access is refused.");
    }

    @Test
    void explainOfARequestWithTooFewApproversCarriesTheCodeAndWordsOfTheCreationsRefusal() {
        api.asAdmin()
                .post("/api/v1/policies", """
                        {"name": "%s", "conditions": {"resourceName": "%s", "accountName": "*-admin"},
                         "steps": [{"name": "Owners", "approvers": [{"user": "%s"}], "requiredApprovals": 2}]}""".formatted(Api.unique("short"), resource, sam))
                .expect(201);
        String devToken = new Identities(api).tokenFor(dev);

        JsonNode answer = explain(devToken, null, "rw-admin");
        JsonNode refusal = api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "rw-admin")))
                .expect(422)
                .json();

        assertThat(answer.get("feasible").asBoolean()).isFalse();
        assertThat(answer.get("code").asString())
                .isEqualTo(refusal.get("reason").asString());
        assertThat(answer.get("reason").asString())
                .isEqualTo(refusal.get("detail").asString());
    }

    @Test
    void aUserMayExplainOnlyTheirOwnAccess() {
        api.asAdmin().post("/api/v1/policies", twoStepPolicy(Api.unique("own"))).expect(201);
        String devToken = new Identities(api).tokenFor(dev);

        assertThat(explain(devToken, null, "rw-admin").get("requester").asString())
                .isEqualTo(dev);
        assertThat(explain(devToken, dev, "rw-admin").get("matched").asBoolean())
                .isTrue();
        api.as(devToken)
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", lisa, "resource", resource, "account", "rw-admin")))
                .expect(403);
    }

    @Test
    void anAuditorMayExplainAnyonesAccess() {
        api.asAdmin()
                .post("/api/v1/policies", twoStepPolicy(Api.unique("audited")))
                .expect(201);
        String auditor = Api.unique("auditor");
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of(
                                "username",
                                auditor,
                                "email",
                                auditor + "@example.com",
                                "displayName",
                                "A",
                                "role",
                                "AUDITOR")))
                .expect(201);

        JsonNode answer = explain(new Identities(api).tokenFor(auditor), dev, "rw-admin");
        JsonNode own = explain(new Identities(api).tokenFor(auditor), null, "rw-admin");

        assertThat(answer.get("requester").asString()).isEqualTo(dev);
        assertThat(answer.get("matched").asBoolean()).isTrue();
        assertThat(answer.get("problems")).isEmpty();
        assertThat(own.get("feasible").asBoolean())
                .as("an auditor creates no requests")
                .isFalse();
        assertThat(own.get("problems").valueStream().map(JsonNode::asString))
                .anyMatch(problem -> problem.contains("auditors read requests but do not create them"));
    }

    @Test
    void aDeactivatedRequesterIsSaidToBeDeactivatedOnlyToThoseWhoMaySeeUsers() {
        api.asAdmin()
                .post("/api/v1/policies", twoStepPolicy(Api.unique("left")))
                .expect(201);
        Identities ids = new Identities(api);
        String eve = ids.user("eve");
        String gateway = Api.unique("gateway");
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", gateway, "email", gateway + "@example.com", "role", "ENFORCER")))
                .expect(201);
        String gatewayToken = ids.tokenFor(gateway);
        api.deactivate(eve);
        String body = Api.json(Map.of("requester", eve, "resource", resource, "account", "rw-admin"));

        JsonNode toAdmin =
                api.asAdmin().post("/api/v1/policies/explain", body).expect(409).json();
        JsonNode toGateway = api.as(gatewayToken)
                .post("/api/v1/policies/explain", body)
                .expect(404)
                .json();
        JsonNode asked =
                api.as(gatewayToken).post("/api/v1/requests", body).expect(404).json();

        assertThat(toAdmin.get("detail").asString()).contains("'" + eve + "' is deactivated");
        assertThat(toAdmin.get("errors").get(0).get("field").asString()).isEqualTo("requester");
        assertThat(toAdmin.get("errors").get(0).get("code").asString()).isEqualTo("inactive_user");
        assertThat(toGateway.get("detail").asString()).isEqualTo("No user '" + eve + "' exists or you may not see it.");
        assertThat(asked.get("detail")).isEqualTo(toGateway.get("detail"));
    }

    @Test
    void explainOfAnUnknownResourceOrAccountIsNotFound() {
        api.asAdmin()
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev, "resource", Api.unique("nowhere"), "account", "root")))
                .expect(404);
        api.asAdmin()
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("requester", dev, "resource", resource, "account", "sa")))
                .expect(404);
        var missing =
                api.asAdmin().post("/api/v1/policies/explain", "{}").expect(400).json();
        assertThat(missing.get("errors").size()).isEqualTo(2);
    }

    @Test
    void theNextPlanSeesAnEditedPolicy() {
        String name = Api.unique("edited");
        api.asAdmin().post("/api/v1/policies", twoStepPolicy(name)).expect(201);
        assertThat(planner.plan(dev, resource, "rw-admin").steps()).hasSize(2);

        api.asAdmin().put("/api/v1/policies/" + name, """
                        {"conditions": {"resourceName": "%s"}, "steps": [{"approvers": [{"resourceOwners": true}]}]}""".formatted(resource)).expect(200);
        ApprovalPlan edited = planner.plan(dev, resource, "rw-admin");

        assertThat(edited.steps()).hasSize(1);
        assertThat(edited.steps().get(0).eligibleApprovers()).containsExactly(sam);

        api.asAdmin().put("/api/v1/policies/" + name, """
                        {"enabled": false, "conditions": {"resourceName": "%s"}, "steps": []}""".formatted(resource)).expect(200);
        assertThatThrownBy(() -> planner.plan(dev, resource, "rw-admin"))
                .isInstanceOfSatisfying(
                        RefusedException.class, e -> assertThat(e.reason()).isEqualTo("no_matching_policy"));
    }

    @Test
    void anImportCreatesAndReplacesInOneGoAndReportsProblemsUnderTheCallersPath() {
        String kept = Api.unique("kept");
        String fresh = Api.unique("fresh");
        policies.create(
                Actor.system(), PolicyDefinition.of(kept, PolicyDefinition.Conditions.on("k-*", null), List.of()));

        ImportResult result = policies.upsertAll(
                Actor.system(),
                List.of(
                        PolicyDefinition.of(kept, PolicyDefinition.Conditions.on("k2-*", null), List.of()),
                        PolicyDefinition.of(fresh, PolicyDefinition.Conditions.on("f-*", null), List.of())),
                "policies");

        assertThat(result.created()).containsExactly(fresh);
        assertThat(result.replaced()).containsExactly(kept);
        assertThat(policies.get(kept).conditions().resourceName()).isEqualTo("k2-*");

        String never = Api.unique("never");
        assertThatThrownBy(() -> policies.upsertAll(
                        Actor.system(),
                        List.of(
                                PolicyDefinition.of(never, PolicyDefinition.Conditions.on("n-*", null), List.of()),
                                PolicyDefinition.of(
                                        kept,
                                        PolicyDefinition.Conditions.on("k3-*", null),
                                        List.of(PolicyDefinition.Step.of(
                                                null, 1, ApproverSelector.ofGroup("no-such-group")))),
                                PolicyDefinition.of(never, PolicyDefinition.Conditions.on("n-*", null), List.of())),
                        "policies"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.issues())
                                .extracting(io.countersign.shared.FieldIssue::field)
                                .containsExactly("policies[1].steps[0].approvers[0].group", "policies[2].name"));
        assertThat(policies.get(kept).conditions().resourceName()).isEqualTo("k2-*");
        api.asAdmin().get("/api/v1/policies/" + never).expect(404);
    }
}
