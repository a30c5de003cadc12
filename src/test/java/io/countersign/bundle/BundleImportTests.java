package io.countersign.bundle;

import static io.countersign.bundle.ImportCounts.counts;
import static io.countersign.testing.Api.issues;
import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@CountersignTest
class BundleImportTests extends BundleImporterTestBase {

    @Autowired
    People people;

    @Test
    void aJsonBundleCreatesEverythingWithReferencesForwardWithinTheBundle() {
        var summary = importer.json(teamBundle()).expect(200).json();

        assertThat(summary.get("levels").asInt()).isZero();
        assertThat(counts(summary, "users")).containsExactly(3, 0, 0);
        assertThat(counts(summary, "groups")).containsExactly(1, 0, 0);
        assertThat(counts(summary, "resources")).containsExactly(1, 0, 0);
        assertThat(counts(summary, "policies")).containsExactly(0, 0, 0);
        var dev = api.asAdmin().get("/api/v1/users/" + id + "-dev").expect(200).json();
        assertThat(dev.get("manager").asString()).isEqualTo(id + "-lead");
        assertThat(dev.get("displayName").asString()).isEqualTo("Dev");
        var team =
                api.asAdmin().get("/api/v1/groups/" + id + "-team").expect(200).json();
        assertThat(strings(team.get("members"))).containsExactly(id + "-dev", id + "-lead");
        assertThat(strings(team.get("managers"))).containsExactly(id + "-boss");
        var db =
                api.asAdmin().get("/api/v1/resources/" + id + "-db").expect(200).json();
        assertThat(strings(db.get("groups"))).containsExactly(id + "-team");
        assertThat(strings(db.get("owners"))).containsExactly(id + "-boss");
        assertThat(db.get("labels").get("env").asString()).isEqualTo("prod");
    }

    @Test
    void importingTheSameBundleAgainSucceedsAndChangesNothing() {
        importer.json(teamBundle()).expect(200);

        var again = importer.json(teamBundle()).expect(200).json();

        assertThat(counts(again, "users")).containsExactly(0, 0, 3);
        assertThat(counts(again, "groups")).containsExactly(0, 0, 1);
        assertThat(counts(again, "resources")).containsExactly(0, 0, 1);
    }

    @Test
    void entriesThatDifferAreReplacedWholeAndCountedAsUpdated() {
        importer.json(teamBundle()).expect(200);
        String changed = """
                {"users": [{"username": "%1$s-dev", "email": "dev@new.example.com"}],
                 "groups": [{"name": "%1$s-team", "members": ["%1$s-boss"]}],
                 "resources": [{"name": "%1$s-db", "type": "ssh", "accounts": ["root"]}]}""".formatted(id);

        var summary = importer.json(changed).expect(200).json();

        assertThat(counts(summary, "users")).containsExactly(0, 1, 0);
        assertThat(counts(summary, "groups")).containsExactly(0, 1, 0);
        assertThat(counts(summary, "resources")).containsExactly(0, 1, 0);
        var dev = api.asAdmin().get("/api/v1/users/" + id + "-dev").json();
        assertThat(dev.get("email").asString()).isEqualTo("dev@new.example.com");
        assertThat(dev.get("manager").isNull()).isTrue();
        var team = api.asAdmin().get("/api/v1/groups/" + id + "-team").json();
        assertThat(strings(team.get("members"))).containsExactly(id + "-boss");
        assertThat(team.get("managers").isEmpty()).isTrue();
        var db = api.asAdmin().get("/api/v1/resources/" + id + "-db").json();
        assertThat(db.get("type").asString()).isEqualTo("ssh");
        assertThat(db.get("groups").isEmpty()).isTrue();
    }

    @Test
    void aYamlBundleIsReadLikeItsJsonTwinUnderBothMediaTypes() {
        String yaml = """
                users:
                  - username: %1$s-ops
                    email: ops@example.com
                    manager: %1$s-head
                    role: AUDITOR
                  - {username: %1$s-head, email: head@example.com}
                groups:
                  - name: %1$s-oncall
                    members: [%1$s-ops]
                    managers: [%1$s-head]
                resources:
                  - name: %1$s-vpn
                    type: vpn
                    groups: [%1$s-oncall]
                    labels: {port: 1194, env: prod}
                    accounts: [user]
                """.formatted(id);

        var summary = importer.yaml(yaml).expect(200).json();
        var again = importer.send(Api.ADMIN_TOKEN, "application/x-yaml", yaml)
                .expect(200)
                .json();

        assertThat(counts(summary, "users")).containsExactly(2, 0, 0);
        assertThat(counts(again, "users")).containsExactly(0, 0, 2);
        var ops = api.asAdmin().get("/api/v1/users/" + id + "-ops").expect(200).json();
        assertThat(ops.get("role").asString()).isEqualTo("AUDITOR");
        assertThat(ops.get("manager").asString()).isEqualTo(id + "-head");
        var vpn = api.asAdmin()
                .get("/api/v1/resources/" + id + "-vpn")
                .expect(200)
                .json();
        assertThat(vpn.get("labels").get("port").asString()).isEqualTo("1194");
    }

    @Test
    void oneBadEntryWritesNothingAndEveryIssueIsReportedWithItsPath() {
        String bundle = """
                {"users": [
                   {"username": "%1$s-ok", "email": "ok@example.com"},
                   {"username": "%1$s-bad", "email": "not-an-address", "manager": "%1$s-nobody"},
                   {"username": "%1$s-ok", "email": "twice@example.com"}],
                 "groups": [{"name": "%1$s-g", "members": ["%1$s-ok", "%1$s-ghost"]}],
                 "resources": [
                   {"name": "%1$s-r", "type": "mainframe", "groups": ["%1$s-g", "%1$s-nogroup"], "accounts": []}]}""".formatted(id);

        var response = importer.json(bundle);

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactlyInAnyOrder(
                        "users[1].email:invalid_email",
                        "users[1].manager:unknown_user",
                        "users[2].username:duplicate",
                        "groups[0].members[1]:unknown_user",
                        "resources[0].type:unknown_type",
                        "resources[0].groups[1]:unknown_group",
                        "resources[0].accounts:required");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-ok").status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/groups/" + id + "-g").status()).isEqualTo(404);
    }

    @Test
    void anEntryWithAManagerButNoNameIsReportedWithTheOtherEntriesProblems() {
        String manager = people.user("lisa");
        String yaml = """
                users:
                  - {email: a@example.com, displayName: A, manager: %1$s}
                  - {username: [1], email: b@example.com, manager: %1$s}
                  - {username: "Bad Name", email: nope, displayName: B}
                  - {username: %2$s-ok, email: ok@example.com, manager: %1$s}
                """.formatted(manager, id);

        var response = importer.yaml(yaml);

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "users[0].username:required",
                        "users[1].username:invalid_type",
                        "users[2].username:invalid_name",
                        "users[2].email:invalid_email");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-ok").status()).isEqualTo(404);
    }

    @Test
    void aNameRepeatedWithinAListOfTheBundleIsRefusedAndNothingIsWritten() {
        String bundle = """
                {"users": [{"username": "%1$s-ok", "email": "ok@example.com"}],
                 "groups": [{"name": "%1$s-g", "members": ["%1$s-ok", "%1$s-OK"], "managers": []}],
                 "resources": [{"name": "%1$s-r", "type": "ssh", "accounts": ["a", "A"]}]}""".formatted(id);

        var response = importer.json(bundle);

        assertThat(issues(response.expect(400).json()))
                .containsExactly("groups[0].members[1]:duplicate", "resources[0].accounts[1]:duplicate");
        assertThat(response.json().get("errors").get(1).get("message").asString())
                .isEqualTo("'a' is already entry 1 of the accounts");
        assertThat(api.asAdmin().get("/api/v1/users/" + id + "-ok").status()).isEqualTo(404);
        assertThat(api.asAdmin().get("/api/v1/resources/" + id + "-r").status()).isEqualTo(404);
    }

    @Test
    void aManagementCycleWithinTheBundleIsRefused() {
        String bundle = """
                {"users": [
                   {"username": "%1$s-a", "email": "a@example.com", "manager": "%1$s-b"},
                   {"username": "%1$s-b", "email": "b@example.com", "manager": "%1$s-a"}]}""".formatted(id);

        var response = importer.json(bundle);

        assertThat(issues(response.expect(400).json()))
                .containsExactly("users[0].manager:manager_cycle", "users[1].manager:manager_cycle");
    }

    @Test
    void aLevelsSectionReplacesTheOrderedListBeforeUsersTakeTheirLevels() {
        List<String> levels = currentLevels();
        levels.add(id + "-lead");
        levels.add(id + "-chief");
        String bundle = """
                {"levels": %s,
                 "users": [{"username": "%2$s-x", "email": "x@example.com", "level": "%2$s-chief"}]}""".formatted(Api.json(levels), id);

        var summary = importer.json(bundle).expect(200).json();

        assertThat(summary.get("levels").asInt()).isEqualTo(levels.size());
        assertThat(currentLevels()).containsExactlyElementsOf(levels);
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + id + "-x")
                        .json()
                        .get("level")
                        .asString())
                .isEqualTo(id + "-chief");
    }

    @Test
    void aLevelLeftOutOfTheSectionIsRemovedOnlyWhenNobodyKeepsIt() {
        String kept = people.level("kept");
        String holder = people.user("holder", kept, null);
        List<String> levels = currentLevels();
        levels.remove(kept);

        var refused = importer.json("{\"levels\": " + Api.json(levels) + "}");
        var movedOff = importer.json("{\"levels\": " + Api.json(levels) + ", \"users\": [{\"username\": \"" + holder
                + "\", \"email\": \"h@example.com\"}]}");

        assertThat(issues(refused.expect(400).json())).containsExactly("levels:level_in_use");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .contains(holder);
        movedOff.expect(200);
        assertThat(currentLevels()).doesNotContain(kept);
    }

    @Test
    void unreadableLevelsAreReportedAsPutLevelsReportsThemNotAsEveryLevelLeftOut() {
        people.user("holder", people.level("held"), null);
        List<String> before = currentLevels();

        var json = importer.json("{\"levels\": [1, true]}");
        var yaml = importer.yaml("levels: [[engineer], {x: 1}]\nresources: {}\n");
        var put = api.asAdmin().put("/api/v1/levels", "[1, true]");

        assertThat(json.expect(400).json().get("errors"))
                .isEqualTo(put.expect(400).json().get("errors"));
        assertThat(issues(yaml.expect(400).json()))
                .containsExactly("levels[0]:invalid_type", "levels[1]:invalid_type", "resources:invalid_type");
        assertThat(currentLevels()).isEqualTo(before);
    }

    @Test
    void aBundleMayNotLeaveNoActiveAdministrator() {
        onlyTheBootstrapAdministratorIsAnActiveAdmin();

        var response = importer.json(
                "{\"users\": [{\"username\": \"admin\", \"email\": \"admin@localhost\", \"role\": \"USER\"}]}");

        assertThat(issues(response.expect(400).json())).containsExactly("users[0].role:last_admin");
        assertThat(api.asAdmin().get("/api/v1/users/admin").json().get("role").asString())
                .isEqualTo("ADMIN");
    }

    @Test
    void aBundleThatDeactivatesTheLastAdministratorNamesItsActiveField() {
        onlyTheBootstrapAdministratorIsAnActiveAdmin();

        var response = importer.json("{\"users\": [{\"username\": \"admin\", \"email\": \"admin@localhost\","
                + " \"role\": \"ADMIN\", \"active\": false}]}");

        assertThat(issues(response.expect(400).json())).containsExactly("users[0].active:last_admin");
        assertThat(api.asAdmin().get("/api/v1/users/admin").json().get("active").asBoolean())
                .isTrue();
    }

    @Test
    void unknownFieldsAndBadValuesAreReportedWithTheirPath() {
        var unknown = importer.json("{\"users\": [{\"username\": \"x\", \"emial\": \"x@example.com\"}]}");
        var badRole = importer.yaml("users:\n  - username: x\n    email: x@example.com\n    role: root\n");
        var unknownSection = importer.json("{\"teams\": []}");

        assertThat(issues(unknown.expect(400).json()))
                .containsExactly("users[0].emial:unknown_field", "users[0].email:required");
        assertThat(issues(badRole.expect(400).json())).containsExactly("users[0].role:invalid_value");
        assertThat(issues(unknownSection.expect(400).json())).containsExactly("teams:unknown_field");
    }

    @Test
    void aDurationThatCannotBeReadIsReportedWithTheOtherIssuesOfTheBundle() {
        var json = importer.json("{\"users\": [{\"username\": \"x\", \"emial\": \"x@example.com\"}],"
                + " \"policies\": [{\"name\": \"p\", \"defaultDuration\": \"P1W\", \"steps\": []}]}");
        var yaml = importer.yaml("users:\n  - username: x\n    emial: x@example.com\n"
                + "policies:\n  - name: p\n    maxDuration: 4h\n    steps: []\n");

        assertThat(issues(json.expect(400).json()))
                .contains(
                        "users[0].emial:unknown_field",
                        "users[0].email:required",
                        "policies[0].defaultDuration:invalid_value");
        assertThat(issues(yaml.expect(400).json()))
                .contains(
                        "users[0].emial:unknown_field",
                        "users[0].email:required",
                        "policies[0].maxDuration:invalid_value");
        assertThat(yaml.body()).contains("days, hours, minutes or seconds");
    }

    @Test
    void malformedDocumentsAreReportedWithTheirPosition() {
        var yaml = importer.yaml("users:\n  - username: \"unterminated\n");
        var json = importer.json("{\"users\": [");
        var empty = importer.json("");

        assertThat(issues(yaml.expect(400).json())).containsExactly("body:malformed_bundle");
        assertThat(yaml.json().get("errors").get(0).get("message").asString()).contains("YAML", "line");
        assertThat(issues(json.expect(400).json())).containsExactly("body:malformed_bundle");
        assertThat(issues(empty.expect(400).json())).containsExactly("body:required");
    }

    @Test
    void onlyAdministratorsImportAndOnlyJsonOrYaml() {
        String token = people.tokenFor(people.user("plain"));

        assertThat(importer.send(token, "application/json", "{}").status()).isEqualTo(403);
        assertThat(importer.send(Api.ADMIN_TOKEN, "text/plain", "{}").status()).isEqualTo(415);
    }

    /** Other tests share this database and create administrators; retire them through the API. */
    private void onlyTheBootstrapAdministratorIsAnActiveAdmin() {
        for (JsonNode user : api.asAdmin().get("/api/v1/users").expect(200).json()) {
            String username = user.get("username").asString();
            if (!username.equals("admin") && user.get("role").asString().equals("ADMIN")) {
                api.asAdmin()
                        .put(
                                "/api/v1/users/" + username,
                                Api.json(java.util.Map.of(
                                        "email", user.get("email").asString(), "role", "ADMIN", "active", false)))
                        .expect(200);
            }
        }
    }
}
