package io.countersign.directory;

import static io.countersign.testing.Api.fieldNames;
import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@CountersignTest
class UserApiTests {

    @Autowired
    Api api;

    @Autowired
    People people;

    @Test
    void anAdministratorCreatesAUserAndReadsItBackUnderTheApiNames() {
        String manager = people.user("boss");
        String level = people.level("engineer");
        String username = Api.unique("alice");

        var created = api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of(
                                "username",
                                username.toUpperCase(),
                                "email",
                                "alice@example.com",
                                "displayName",
                                "Alice Liddell",
                                "level",
                                level,
                                "manager",
                                manager,
                                "role",
                                "AUDITOR")))
                .expect(201)
                .json();

        assertThat(created.get("username").asString()).isEqualTo(username);
        assertThat(api.asAdmin().get("/api/v1/users/" + username).expect(200).json())
                .isEqualTo(created);
        assertThat(fieldNames(created))
                .containsExactly("username", "email", "displayName", "level", "manager", "role", "active");
        assertThat(created.get("manager").asString()).isEqualTo(manager);
        assertThat(created.get("level").asString()).isEqualTo(level);
        assertThat(created.get("role").asString()).isEqualTo("AUDITOR");
        assertThat(created.get("active").asBoolean()).isTrue();
    }

    @Test
    void leftOutFieldsTakeTheirDefaults() {
        String username = Api.unique("dora");

        var created = api.asAdmin()
                .post("/api/v1/users", "{\"username\":\"" + username + "\",\"email\":\"dora@example.com\"}")
                .expect(201)
                .json();

        assertThat(created.get("displayName").asString()).isEqualTo(username);
        assertThat(created.get("role").asString()).isEqualTo("USER");
        assertThat(created.get("active").asBoolean()).isTrue();
        assertThat(created.get("level").isNull()).isTrue();
        assertThat(created.get("manager").isNull()).isTrue();
    }

    @Test
    void everyProblemOfAUserIsReportedAtOnceAndNothingIsCreated() {
        var response = api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of(
                                "username", "not valid!",
                                "email", "alice at example",
                                "displayName", "x".repeat(201),
                                "level", "no-such-level",
                                "manager", "nobody-at-all")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactly(
                        "username:invalid_name",
                        "email:invalid_email",
                        "displayName:too_long",
                        "level:unknown_level",
                        "manager:unknown_user");
    }

    @Test
    void anUnknownFieldAndAnUnknownRoleAreReportedWithEveryOtherProblemInOneAnswer() {
        var response = api.asAdmin()
                .post(
                        "/api/v1/users",
                        "{\"username\":\"b c\",\"email\":\"notmail\",\"role\":\"KING\",\"level\":\"nope\","
                                + "\"manager\":\"ghost\",\"extra\":1}");

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "extra:unknown_field",
                        "role:invalid_value",
                        "username:invalid_name",
                        "email:invalid_email",
                        "level:unknown_level",
                        "manager:unknown_user");
    }

    @Test
    void valuesOfTheWrongTypeAreReportedWithEveryOtherProblemWithoutThemselvesAndCreateNothing() {
        String name = Api.unique("typed");
        var response = api.asAdmin()
                .post(
                        "/api/v1/users",
                        "{\"username\":\"" + name + "\",\"email\":\"notmail\",\"displayName\":{\"a\":[1,2]},"
                                + "\"active\":\"pasted-secret-41f0\",\"level\":12,\"manager\":\"ghost\"}");

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "email:invalid_email",
                        "displayName:invalid_type",
                        "active:invalid_type",
                        "level:invalid_type",
                        "manager:unknown_user");
        assertThat(response.body()).doesNotContain("pasted-secret-41f0");
        api.asAdmin().get("/api/v1/users/" + name).expect(404);
    }

    @Test
    void aUserWithAManagerButNoUsableNameIsRefusedWithEveryProblem() {
        String manager = people.user("lisa");
        for (String username : List.of(
                "",
                "\"username\":null,",
                "\"username\":7,",
                "\"username\":true,",
                "\"username\":[\"a\"],",
                "\"username\":{\"a\":1},")) {
            var response = api.asAdmin()
                    .post("/api/v1/users", "{" + username + "\"email\":\"nope\",\"manager\":\"" + manager + "\"}");

            assertThat(issues(response.expect(400).json()))
                    .as(username)
                    .containsExactlyInAnyOrder(
                            username.contains(":") && !username.contains("null")
                                    ? "username:invalid_type"
                                    : "username:required",
                            "email:invalid_email");
        }
    }

    @Test
    void aBodyWhoseOnlyProblemIsAnUnknownFieldGetsThatAloneAndCreatesNothing() {
        String name = Api.unique("extra");
        var response = api.asAdmin()
                .post(
                        "/api/v1/users",
                        "{\"username\":\"" + name + "\",\"email\":\"" + name + "@example.com\",\"extra\":{\"x\":1}}");

        JsonNode problem = response.expect(400).json();
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("extra");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("unknown_field");
        assertThat(problem.get("errors").get(0).get("message").asString()).isEqualTo("is not a known field");
        api.asAdmin().get("/api/v1/users/" + name).expect(404);
    }

    @Test
    void aBadPasswordIsReportedWithTheOtherProblemsAndAloneCreatesNothing() {
        var withOthers = api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", "not valid!", "email", "alice at example", "password", "short")));
        String name = Api.unique("pw");
        var alone = api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", name, "email", name + "@example.com", "password", "short")));

        assertThat(issues(withOthers.expect(400).json()))
                .containsExactly("username:invalid_name", "email:invalid_email", "password:out_of_range");
        assertThat(issues(alone.expect(400).json())).containsExactly("password:out_of_range");
        api.asAdmin().get("/api/v1/users/" + name).expect(404);
    }

    @Test
    void anEmailIsRequiredAndBoundedInLength() {
        String tooLong = "a".repeat(60) + "@" + ("b".repeat(60) + ".").repeat(4) + "com";
        var missing = api.asAdmin().post("/api/v1/users", "{\"username\":\"" + Api.unique("e") + "\"}");
        var longOne =
                api.asAdmin().post("/api/v1/users", Api.json(Map.of("username", Api.unique("e"), "email", tooLong)));

        assertThat(issues(missing.expect(400).json())).containsExactly("email:required");
        assertThat(issues(longOne.expect(400).json())).containsExactly("email:too_long");
    }

    @Test
    void aRoleOutsideTheToolRolesIsReportedWithTheOtherIssuesWithoutItselfAndCreatesNothing() {
        String username = Api.unique("r");
        var response = api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(
                                Map.of("username", username, "email", "not-an-address", "role", "pasted-secret-7f3a")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(issues(response.json())).containsExactlyInAnyOrder("role:invalid_value", "email:invalid_email");
        assertThat(response.body())
                .contains("must be one of ADMIN, AUDITOR, USER, ENFORCER")
                .doesNotContain("pasted-secret-7f3a");
        assertThat(api.asAdmin().get("/api/v1/users/" + username).status()).isEqualTo(404);

        var alone = api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", username, "email", "r@example.com", "role", "ROOT")));
        assertThat(issues(alone.expect(400).json())).containsExactly("role:invalid_value");
        assertThat(api.asAdmin().get("/api/v1/users/" + username).status()).isEqualTo(404);
    }

    @Test
    void aReplacementWithARoleOutsideTheToolRolesIsReportedWithTheOtherIssuesAndChangesNothing() {
        String username = people.user("kept");

        var response = api.asAdmin()
                .put(
                        "/api/v1/users/" + username,
                        Api.json(Map.of("email", "not-an-address", "displayName", "Renamed", "role", "ROOT")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json())).containsExactlyInAnyOrder("role:invalid_value", "email:invalid_email");
        assertThat(response.body()).doesNotContain("ROOT");
        JsonNode kept =
                api.asAdmin().get("/api/v1/users/" + username).expect(200).json();
        assertThat(kept.get("role").asString()).isEqualTo("USER");
        assertThat(kept.get("displayName").asString()).isNotEqualTo("Renamed");
    }

    @Test
    void aSecondUserWithTheSameNameIsAConflict() {
        String username = people.user("twin");

        var again = api.asAdmin().post("/api/v1/users", Api.json(People.body(username.toUpperCase(), Role.USER)));

        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void onlyAdministratorsCreateUsers() {
        String token = people.tokenFor(people.user("plain"));

        var response = api.as(token).post("/api/v1/users", Api.json(People.body(Api.unique("x"), Role.USER)));

        assertThat(response.status()).isEqualTo(403);
    }

    @Test
    void aUserSeesThemselvesButAnyoneElseLooksAsIfItDidNotExist() {
        String me = people.user("me");
        String other = people.user("other");
        String token = people.tokenFor(me);

        var mine = api.as(token).get("/api/v1/users/" + me);
        var theirs = api.as(token).get("/api/v1/users/" + other);
        var nobody = api.as(token).get("/api/v1/users/" + Api.unique("ghost"));

        assertThat(mine.status()).isEqualTo(200);
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(theirs.json().get("title")).isEqualTo(nobody.json().get("title"));
        assertThat(api.as(token).get("/api/v1/users").status()).isEqualTo(403);
    }

    @Test
    void auditorsReadEveryUserAndTheList() {
        String auditor = people.user("auditor", Role.AUDITOR);
        String other = people.user("seen");
        String token = people.tokenFor(auditor);

        assertThat(api.as(token).get("/api/v1/users/" + other).status()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        api.as(token)
                .get("/api/v1/users")
                .expect(200)
                .json()
                .forEach(u -> listed.add(u.get("username").asString()));
        assertThat(listed).contains(auditor, other, "admin").isSorted();
        assertThat(api.as(token).put("/api/v1/users/" + other, "{}").status()).isEqualTo(403);
    }

    @Test
    void replacingAUserSetsEveryFieldAndLeftOutOnesFallBackToDefaults() {
        String manager = people.user("lead");
        String username = people.user("worker");

        var replaced = api.asAdmin()
                .put(
                        "/api/v1/users/" + username,
                        Api.json(Map.of(
                                "email", "new@example.com", "manager", manager, "role", "ENFORCER", "active", false)))
                .expect(200)
                .json();

        assertThat(replaced.get("username").asString()).isEqualTo(username);
        assertThat(replaced.get("email").asString()).isEqualTo("new@example.com");
        assertThat(replaced.get("displayName").asString()).isEqualTo(username);
        assertThat(replaced.get("manager").asString()).isEqualTo(manager);
        assertThat(replaced.get("role").asString()).isEqualTo("ENFORCER");
        assertThat(replaced.get("active").asBoolean()).isFalse();
        assertThat(api.asAdmin().get("/api/v1/users/" + username).json()).isEqualTo(replaced);
    }

    @Test
    void aUserCannotBeRenamedNorReplacedWhenUnknown() {
        String username = people.user("fixed");

        var renamed = api.asAdmin()
                .put(
                        "/api/v1/users/" + username,
                        Api.json(Map.of("username", Api.unique("other"), "email", "x@example.com")));
        var unknown =
                api.asAdmin().put("/api/v1/users/" + Api.unique("ghost"), Api.json(Map.of("email", "x@example.com")));

        assertThat(issues(renamed.expect(400).json())).containsExactly("username:mismatch");
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void aManagerChainMayNotLoopBackToTheUser() {
        String top = people.user("top");
        String middle = people.user("middle", null, top);
        String bottom = people.user("bottom", null, middle);

        var loop = api.asAdmin()
                .put("/api/v1/users/" + top, Api.json(Map.of("email", "t@example.com", "manager", bottom)));
        var self =
                api.asAdmin().put("/api/v1/users/" + top, Api.json(Map.of("email", "t@example.com", "manager", top)));

        assertThat(loop.status()).isEqualTo(400);
        JsonNode issue = loop.json().get("errors").get(0);
        assertThat(issue.get("code").asString()).isEqualTo("manager_cycle");
        assertThat(issue.get("message").asString()).contains(top + " → " + bottom + " → " + middle + " → " + top);
        assertThat(issues(self.expect(400).json())).containsExactly("manager:manager_cycle");
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + top)
                        .json()
                        .get("manager")
                        .isNull())
                .isTrue();
    }

    @Test
    void deletingAUserDropsTheirMembershipsManagershipsAndReports() {
        String leaving = people.user("leaving");
        String report = people.user("report", null, leaving);
        String group = Api.unique("team");
        api.asAdmin()
                .post(
                        "/api/v1/groups",
                        Api.json(Map.of(
                                "name", group, "members", List.of(leaving, report), "managers", List.of(leaving))))
                .expect(201);

        api.asAdmin().delete("/api/v1/users/" + leaving).expect(204);

        assertThat(api.asAdmin().get("/api/v1/users/" + leaving).status()).isEqualTo(404);
        assertThat(api.asAdmin()
                        .get("/api/v1/users/" + report)
                        .json()
                        .get("manager")
                        .isNull())
                .isTrue();
        var team = api.asAdmin().get("/api/v1/groups/" + group).expect(200).json();
        assertThat(team.get("members").values()).extracting(JsonNode::asString).containsExactly(report);
        assertThat(team.get("managers").isEmpty()).isTrue();
        assertThat(api.asAdmin().delete("/api/v1/users/" + leaving).status()).isEqualTo(404);
    }
}
