package io.countersign.bundle;

import static io.countersign.bundle.ImportCounts.counts;
import static io.countersign.testing.Api.issues;
import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.policy.PolicyCreated;
import io.countersign.policy.PolicyUpdated;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

/** The policies section: applied last, through the policy module, inside the import's transaction. */
@CountersignTest
@RecordApplicationEvents
class BundlePolicyImportTests extends BundleImporterTestBase {

    @Autowired
    ApplicationEvents events;

    @Autowired
    People people;

    @Test
    void policiesMayNameTheUsersGroupsAndResourcesOfTheSameBundle() {
        var summary = importer.yaml(bundle("PT30M")).expect(200).json();

        assertThat(counts(summary, "policies")).containsExactly(1, 0, 0);
        var policy = api.asAdmin()
                .get("/api/v1/policies/" + id + "-db-approval")
                .expect(200)
                .json();
        assertThat(policy.get("steps")
                        .get(0)
                        .get("approvers")
                        .get(0)
                        .get("group")
                        .asString())
                .isEqualTo(id + "-dba");
        var explained = api.asAdmin()
                .post(
                        "/api/v1/policies/explain",
                        Api.json(java.util.Map.of(
                                "requester", id + "-dev", "resource", id + "-db", "account", "rw-admin")))
                .expect(200)
                .json();
        assertThat(explained.get("matched").asBoolean()).isTrue();
        assertThat(explained.get("policy").asString()).isEqualTo(id + "-db-approval");
        assertThat(strings(explained.get("steps").get(0).get("eligibleApprovers")))
                .containsExactly(id + "-lead");
    }

    @Test
    void reimportingTheSamePoliciesLeavesThemAsTheyWereAndAChangedOneIsUpdated() {
        importer.yaml(bundle("PT30M")).expect(200);
        String imported = policyTag();

        var same = importer.yaml(bundle("PT30M")).expect(200).json();
        String reimported = policyTag();
        var changed = importer.yaml(bundle("PT45M")).expect(200).json();

        assertThat(counts(same, "policies")).containsExactly(0, 0, 1);
        assertThat(reimported).isEqualTo(imported);
        assertThat(counts(changed, "policies")).containsExactly(0, 1, 0);
        assertThat(policyTag()).isNotEqualTo(imported);
        assertThat(events.stream(PolicyUpdated.class))
                .singleElement()
                .satisfies(event -> assertThat(event.note()).isEqualTo("changed step 1 timeout: PT30M → PT45M"));
        assertThat(events.stream(BundleImported.class).toList().get(2).note())
                .endsWith("policies updated: " + id + "-db-approval");
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + id + "-db-approval")
                        .json()
                        .get("steps")
                        .get(0)
                        .get("timeout")
                        .asString())
                .isEqualTo("PT45M");
    }

    @Test
    void anInvalidPolicyRollsBackEverySectionAndNamesItsPath() {
        String bundle = """
                users:
                  - {username: %1$s-solo, email: solo@example.com}
                policies:
                  - name: %1$s-broken
                    conditions: {resourceName: "%1$s-*"}
                    steps:
                      - approvers: [{group: %1$s-no-such-group}]
                """.formatted(id);

        var response = importer.yaml(bundle);

        assertThat(issues(response.expect(400).json()))
                .containsExactly("policies[0].steps[0].approvers[0].group:unknown_group");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-solo").status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/policies/" + id + "-broken").status())
                .isEqualTo(404);
        assertThat(events.stream(BundleImported.class)).isEmpty();
    }

    @Test
    void anUnknownFieldAndAValueOfTheWrongTypeAreReportedTogetherWithoutTheValueAndNothingIsWritten() {
        String bundle = """
                {"users": [{"username": "%s-typed", "email": "t@example.com", "active": "pasted-secret-77c1"}],
                 "policies": [{"name": "%s-y", "conditions": {"resourceName": "y-*"}, "colour": "blue",
                               "steps": [{"approvers": [{"requesterManager": true}], "requiredApprovals": "two"}]}]}""".formatted(id, id);

        var response = importer.json(bundle);

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "users[0].active:invalid_type",
                        "policies[0].colour:unknown_field",
                        "policies[0].steps[0].requiredApprovals:invalid_type");
        assertThat(response.body()).doesNotContain("pasted-secret-77c1").doesNotContain("\"two\"");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-typed").status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/policies/" + id + "-y").status()).isEqualTo(404);
    }

    @Test
    void unknownNamesInAPolicyAndAUserAreReportedWithEveryOtherIssueWithoutThemselvesAndNothingIsWritten() {
        String bundle = """
                {"users": [{"username": "%s-role", "email": "r@example.com", "role": "pasted-secret-2e9d"},
                           {"username": "%s-mail"}],
                 "policies": [{"name": "%s-x", "conditions": {"resourceName": "x-*"},
                               "steps": [{"approvers": [{"requesterManager": true}], "onTimeout": "SHRUG"}]}]}""".formatted(id, id, id);

        var response = importer.json(bundle);

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "users[0].role:invalid_value",
                        "users[1].email:required",
                        "policies[0].steps[0].onTimeout:invalid_value");
        assertThat(response.body())
                .contains("must be one of REJECT, ESCALATE")
                .doesNotContain("pasted-secret-2e9d")
                .doesNotContain("SHRUG");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-role").status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/policies/" + id + "-x").status()).isEqualTo(404);
        assertThat(events.stream(BundleImported.class)).isEmpty();
    }

    @Test
    void theProblemsOfThePoliciesAreReportedWithThoseOfTheOtherSectionsAtOnce() {
        String bundle = """
                {"users": [{"username": "bad name", "email": "x"}],
                 "groups": [{"name": "%1$s-new", "members": []}],
                 "policies": [
                   {"name": "%1$s-px", "conditions": {"resourceName": "zzz"},
                    "steps": [{"approvers": [{"group": "%1$s-nog2"}]}]},
                   {"name": "%1$s-px", "conditions": {"resourceName": "zzz"},
                    "steps": [{"approvers": [{"group": "%1$s-new"}]}]}]}""".formatted(id);

        var response = importer.dryRun(Api.ADMIN_TOKEN, "application/json", bundle);

        assertThat(issues(response.expect(400).json()).stream()
                        .map(issue -> issue.substring(0, issue.lastIndexOf(':')))
                        .toList())
                .containsExactlyInAnyOrder(
                        "users[0].username",
                        "users[0].email",
                        "policies[0].steps[0].approvers[0].group",
                        "policies[1].name");
        assertThat(api.asAdmin().get("/api/v1/groups/" + id + "-new").status()).isEqualTo(404);
    }

    @Test
    void aStepTimeoutWithAFractionOfASecondIsRefusedAndNothingIsWritten() {
        var response = importer.yaml(bundle("PT0.5S"));

        assertThat(issues(response.expect(400).json()))
                .containsExactly("policies[0].steps[0].timeout:not_whole_seconds");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-dev").status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/policies/" + id + "-db-approval").status())
                .isEqualTo(404);
    }

    @Test
    void thePolicyModuleRecordsItsOwnChangesNextToTheImport() {
        importer.yaml(bundle("PT30M")).expect(200);

        assertThat(events.stream(BundleImported.class))
                .singleElement()
                .satisfies(event -> assertThat(event.note()).contains("policies 1 created"));
        assertThat(events.stream(PolicyCreated.class)).hasSize(1);
    }

    @Test
    void aLevelRenamedThroughoutTheBundleIsRemovedWithTheStoredPoliciesThatTheBundleReplaces() {
        String old = people.level("grade");
        String holder = people.user("holder", old, null);
        String policy = """
                {"name": "%s-graded", "conditions": {"resourceName": "%1$s-db*"},
                 "steps": [{"approvers": [{"minLevel": "%s"}]}]}""";
        api.asAdmin().post("/api/v1/policies", policy.formatted(id, old)).expect(201);
        String renamed = id + "-grade";
        List<String> levels = currentLevels();
        levels.replaceAll(level -> level.equals(old) ? renamed : level);
        String levelsAndUsers = """
                {"levels": %s, "users": [{"username": "%s", "email": "h@example.com", "level": "%s"}]""".formatted(Api.json(levels), holder, renamed);

        var withoutThePolicy = importer.json(levelsAndUsers + "}");
        var withThePolicyUnchanged =
                importer.json(levelsAndUsers + ", \"policies\": [" + policy.formatted(id, old) + "]}");
        var withThePolicy = importer.json(levelsAndUsers + ", \"policies\": [" + policy.formatted(id, renamed) + "]}");

        assertThat(issues(withoutThePolicy.expect(400).json())).containsExactly("levels:level_in_use");
        assertThat(withoutThePolicy.body()).contains("policy:" + id + "-graded");
        assertThat(issues(withThePolicyUnchanged.expect(400).json()))
                .containsExactly("policies[0].steps[0].approvers[0].minLevel:unknown_level");
        assertThat(counts(withThePolicy.expect(200).json(), "policies")).containsExactly(0, 1, 0);
        assertThat(currentLevels()).contains(renamed).doesNotContain(old);
        assertThat(api.asAdmin()
                        .get("/api/v1/policies/" + id + "-graded")
                        .json()
                        .get("steps")
                        .get(0)
                        .get("approvers")
                        .get(0)
                        .get("minLevel")
                        .asString())
                .isEqualTo(renamed);
    }

    private String policyTag() {
        return api.asAdmin()
                .get("/api/v1/policies/" + id + "-db-approval")
                .expect(200)
                .header("ETag");
    }

    /** A team, a resource and a policy that routes the resource's requests to the team's manager. */
    @Test
    void anUnknownDecisionChannelIsAnInvalidValueAndARepeatedNameIsToldAsInEverySection() {
        var refused = importer.yaml("""
                        groups:
                          - {name: %1$s-g}
                          - {name: %1$s-g}
                        policies:
                          - name: %1$s-p
                            conditions: {resourceName: "%1$s-db*"}
                            steps: [{name: Review, approvers: [{user: admin}], allowedDecisionChannels: [WEB, FAX]}]
                          - name: %1$s-p
                            conditions: {resourceName: "%1$s-db*"}
                            steps: [{name: Review, approvers: [{user: admin}]}]
                        """.formatted(id)).expect(400).json();

        var messages = new java.util.LinkedHashMap<String, String>();
        refused.get("errors")
                .forEach(issue -> messages.put(
                        issue.get("field").asString() + ":" + issue.get("code").asString(),
                        issue.get("message").asString()));
        assertThat(messages)
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                        "groups[1].name:duplicate",
                        "'" + id + "-g' is already defined at groups[0]",
                        "policies[0].steps[0].allowedDecisionChannels[1]:invalid_value",
                        "must be one of API, WEB, EMAIL, SLACK, TELEGRAM",
                        "policies[1].name:duplicate",
                        "'" + id + "-p' is already defined at policies[0]"));
    }

    private String bundle(String timeout) {
        return """
                users:
                  - {username: %1$s-dev, email: dev@example.com, manager: %1$s-lead}
                  - {username: %1$s-lead, email: lead@example.com}
                groups:
                  - {name: %1$s-dba, members: [%1$s-dev, %1$s-lead], managers: [%1$s-lead]}
                resources:
                  - {name: %1$s-db, type: database, groups: [%1$s-dba], accounts: [rw-admin]}
                policies:
                  - name: %1$s-db-approval
                    conditions: {resourceName: "%1$s-db*"}
                    steps:
                      - name: DBA review
                        approvers: [{group: %1$s-dba}]
                        requiredApprovals: 1
                        timeout: %2$s
                        onTimeout: REJECT
                """.formatted(id, timeout);
    }
}
