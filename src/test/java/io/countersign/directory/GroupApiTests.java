package io.countersign.directory;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@CountersignTest
class GroupApiTests {

    @Autowired
    Api api;

    @Autowired
    People people;

    @Test
    void aGroupIsCreatedWithSortedMembersAndManagers() {
        String zed = people.user("zed");
        String amy = people.user("amy");
        String name = Api.unique("sre");

        var created = api.asAdmin()
                .post(
                        "/api/v1/groups",
                        Api.json(Map.of(
                                "name", name.toUpperCase(),
                                "members", List.of(zed.toUpperCase(), amy),
                                "managers", List.of(amy))))
                .expect(201)
                .json();

        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(strings(created.get("members"))).containsExactly(amy, zed);
        assertThat(strings(created.get("managers"))).containsExactly(amy);
        assertThat(api.asAdmin().get("/api/v1/groups/" + name).expect(200).json())
                .isEqualTo(created);
    }

    @Test
    void aMemberOrManagerNamedTwiceInAnyCaseIsRefusedWhereItRepeatsAndNothingIsWritten() {
        String amy = people.user("amy");
        String zed = people.user("zed");
        String name = Api.unique("twice");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", name, "members", List.of(amy))))
                .expect(201);

        var replaced = api.asAdmin()
                .put(
                        "/api/v1/groups/" + name,
                        Api.json(Map.of(
                                "members", List.of(zed, amy, amy.toUpperCase()), "managers", List.of(amy, " " + amy))));
        var created = api.asAdmin()
                .post(
                        "/api/v1/groups",
                        Api.json(Map.of("name", Api.unique("twice"), "members", List.of("ghost", "GHOST"))));

        assertThat(issues(replaced.expect(400).json()))
                .containsExactly("members[2]:duplicate", "managers[1]:duplicate");
        assertThat(replaced.json().get("errors").get(0).get("message").asString())
                .isEqualTo("'" + amy + "' is already entry 2 of the members");
        assertThat(issues(created.expect(400).json()))
                .containsExactly("members[0]:unknown_user", "members[1]:duplicate");
        var stored = api.asAdmin().get("/api/v1/groups/" + name).expect(200).json();
        assertThat(strings(stored.get("members"))).containsExactly(amy);
        assertThat(strings(stored.get("managers"))).isEmpty();
    }

    @Test
    void unknownUsersAreReportedWhereTheyWereWritten() {
        String known = people.user("known");

        var response = api.asAdmin()
                .post(
                        "/api/v1/groups",
                        Api.json(Map.of(
                                "name", "bad name",
                                "members", List.of(known, "ghost-one"),
                                "managers", List.of("ghost-two"))));

        assertThat(issues(response.expect(400).json()))
                .containsExactly("name:invalid_name", "members[1]:unknown_user", "managers[0]:unknown_user");
    }

    @Test
    void anUnknownFieldAndAValueOfTheWrongTypeAreReportedWithTheOtherProblemsAndCreateNothing() {
        String name = Api.unique("typed");

        var response = api.asAdmin()
                .post(
                        "/api/v1/groups",
                        "{\"name\":\"" + name + "\",\"members\":{\"pasted-secret-5d2e\":1},"
                                + "\"managers\":[\"ghost-one\"],\"colour\":\"red\"}");

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder("colour:unknown_field", "members:invalid_type", "managers[0]:unknown_user");
        assertThat(response.body()).doesNotContain("pasted-secret-5d2e");
        api.asAdmin().get("/api/v1/groups/" + name).expect(404);
    }

    @Test
    void aReplacementWhoseOnlyProblemIsAnUnknownFieldChangesNothing() {
        String member = people.user("kept");
        String name = Api.unique("steady");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", name, "members", List.of(member))))
                .expect(201);

        var response = api.asAdmin().put("/api/v1/groups/" + name, "{\"members\":[],\"colour\":\"red\"}");

        assertThat(issues(response.expect(400).json())).containsExactly("colour:unknown_field");
        assertThat(strings(api.asAdmin()
                        .get("/api/v1/groups/" + name)
                        .expect(200)
                        .json()
                        .get("members")))
                .containsExactly(member);
    }

    @Test
    void aSecondGroupWithTheSameNameIsAConflict() {
        String name = Api.unique("dup");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", name))).expect(201);

        assertThat(api.asAdmin()
                        .post("/api/v1/groups", Api.json(Map.of("name", name)))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void replacingAGroupReplacesBothLists() {
        String first = people.user("first");
        String second = people.user("second");
        String name = Api.unique("team");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", name, "members", List.of(first))))
                .expect(201);

        var replaced = api.asAdmin()
                .put("/api/v1/groups/" + name, Api.json(Map.of("members", List.of(second), "managers", List.of(first))))
                .expect(200)
                .json();

        assertThat(strings(replaced.get("members"))).containsExactly(second);
        assertThat(strings(replaced.get("managers"))).containsExactly(first);
        assertThat(api.asAdmin()
                        .put("/api/v1/groups/" + name, Api.json(Map.of("name", Api.unique("renamed"))))
                        .status())
                .isEqualTo(400);
        assertThat(api.asAdmin()
                        .put("/api/v1/groups/" + Api.unique("ghost"), Api.json(Map.of()))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theListHoldsEveryGroupByName() {
        String b = Api.unique("list-b");
        String a = Api.unique("list-a");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", b))).expect(201);
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", a))).expect(201);

        var names = api.asAdmin().get("/api/v1/groups").expect(200).json().values().stream()
                .map(group -> group.get("name").asString())
                .toList();

        assertThat(names).contains(a, b).isSorted();
    }

    @Test
    void aGroupIsDeletedUnlessAResourceStillUsesIt() {
        String unused = Api.unique("unused");
        String linked = Api.unique("linked");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", unused))).expect(201);
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", linked))).expect(201);
        String resource = Api.unique("prod-db");
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of(
                                "name",
                                resource,
                                "type",
                                "database",
                                "groups",
                                List.of(linked),
                                "accounts",
                                List.of("root"))))
                .expect(201);

        api.asAdmin().delete("/api/v1/groups/" + unused).expect(204);
        var refused = api.asAdmin().delete("/api/v1/groups/" + linked);

        assertThat(api.asAdmin().get("/api/v1/groups/" + unused).status()).isEqualTo(404);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("resource:" + resource);
        assertThat(api.asAdmin().get("/api/v1/groups/" + linked).status()).isEqualTo(200);
    }

    @Test
    void auditorsReadGroupsAndUsersReadNone() {
        String name = Api.unique("visible");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", name))).expect(201);
        String auditor = people.tokenFor(people.user("auditor", Role.AUDITOR));
        String user = people.tokenFor(people.user("user"));

        assertThat(api.as(auditor).get("/api/v1/groups/" + name).status()).isEqualTo(200);
        assertThat(api.as(auditor).delete("/api/v1/groups/" + name).status()).isEqualTo(403);
        assertThat(api.as(user).get("/api/v1/groups/" + name).status()).isEqualTo(403);
    }

    static List<String> strings(JsonNode array) {
        return array.values().stream().map(JsonNode::asString).toList();
    }
}
