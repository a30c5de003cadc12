package io.countersign.inventory;

import static io.countersign.testing.Api.issues;
import static io.countersign.testing.Api.strings;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@CountersignTest
class ResourceApiTests {

    @Autowired
    Api api;

    @Autowired
    People people;

    @Test
    void aResourceIsCreatedWithItsGroupsLabelsOwnersAndAccounts() {
        String owner = people.user("owner");
        String group = group();
        String name = Api.unique("prod-postgresql");

        var created = api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(resource(
                                name.toUpperCase(),
                                "Database",
                                List.of(group),
                                List.of(owner),
                                List.of("RW-ADMIN", "readonly"))))
                .expect(201)
                .json();

        assertThat(created.get("name").asString()).isEqualTo(name);
        assertThat(created.get("type").asString()).isEqualTo("database");
        assertThat(strings(created.get("groups"))).containsExactly(group);
        assertThat(strings(created.get("owners"))).containsExactly(owner);
        assertThat(strings(created.get("accounts"))).containsExactly("readonly", "rw-admin");
        assertThat(created.get("labels").get("env").asString()).isEqualTo("prod");
        assertThat(api.asAdmin().get("/api/v1/resources/" + name).expect(200).json())
                .isEqualTo(created);
    }

    @Test
    void everyProblemOfAResourceIsReportedAtOnce() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("Bad Key", "x");
        labels.put("note", "v".repeat(257));
        Map<String, Object> body = new HashMap<>();
        body.put("name", "bad name");
        body.put("type", "mainframe");
        body.put("groups", List.of("no-such-group"));
        body.put("owners", List.of("no-such-user"));
        body.put("accounts", List.of());
        body.put("labels", labels);

        var response = api.asAdmin().post("/api/v1/resources", Api.json(body));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json()))
                .containsExactly(
                        "name:invalid_name",
                        "type:unknown_type",
                        "groups[0]:unknown_group",
                        "owners[0]:unknown_user",
                        "accounts:required",
                        "labels.Bad Key:invalid_name",
                        "labels.note:too_long");
        assertThat(response.json().get("errors").get(1).get("message").asString())
                .contains("ssh, rdp, vnc, database, kubernetes, web, sftp, http, vpn, cloud, application");
    }

    @Test
    void aGroupOwnerOrAccountNamedTwiceInAnyCaseIsRefusedWhereItRepeatsAndNothingIsWritten() {
        String owner = people.user("owner");
        String group = group();
        String name = Api.unique("twice");
        api.asAdmin().post("/api/v1/resources", Api.json(minimal(name))).expect(201);

        var refused = api.asAdmin()
                .put(
                        "/api/v1/resources/" + name,
                        Api.json(resource(
                                name,
                                "ssh",
                                List.of(group, group.toUpperCase()),
                                List.of(owner, owner),
                                List.of("root", "a", "A"))));

        assertThat(issues(refused.expect(400).json()))
                .containsExactly("groups[1]:duplicate", "owners[1]:duplicate", "accounts[2]:duplicate");
        assertThat(refused.json().get("errors").get(2).get("message").asString())
                .isEqualTo("'a' is already entry 2 of the accounts");
        var stored = api.asAdmin().get("/api/v1/resources/" + name).expect(200).json();
        assertThat(strings(stored.get("accounts"))).containsExactly("root");
        assertThat(strings(stored.get("owners"))).isEmpty();
    }

    @Test
    void anUnknownFieldAndAValueOfTheWrongTypeAreReportedWithTheOtherProblemsAndCreateNothing() {
        String name = Api.unique("typed");

        var response = api.asAdmin()
                .post(
                        "/api/v1/resources",
                        "{\"name\":\"" + name + "\",\"type\":\"mainframe\",\"groups\":{\"pasted-secret-9b3f\":1},"
                                + "\"owners\":[\"no-such-user\"],\"accounts\":[\"root\"],\"colour\":\"red\"}");

        assertThat(issues(response.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "colour:unknown_field", "type:unknown_type", "groups:invalid_type", "owners[0]:unknown_user");
        assertThat(response.body()).doesNotContain("pasted-secret-9b3f");
        api.asAdmin().get("/api/v1/resources/" + name).expect(404);
    }

    @Test
    void aReplacementWithUnreadValuesIsReportedWholeAndChangesNothing() {
        String name = Api.unique("steady");
        api.asAdmin().post("/api/v1/resources", Api.json(minimal(name))).expect(201);

        var everything = api.asAdmin()
                .put(
                        "/api/v1/resources/" + name,
                        "{\"type\":7,\"owners\":[\"no-such-user\"],\"accounts\":[],\"colour\":\"red\"}");
        // an account taken away on trial ends nothing: the trial is rolled back
        var unknownAlone = api.asAdmin()
                .put("/api/v1/resources/" + name, "{\"type\":\"web\",\"accounts\":[\"viewer\"],\"colour\":1}");

        assertThat(issues(everything.expect(400).json()))
                .containsExactlyInAnyOrder(
                        "type:invalid_type", "owners[0]:unknown_user", "accounts:required", "colour:unknown_field");
        assertThat(issues(unknownAlone.expect(400).json())).containsExactly("colour:unknown_field");
        var stored = api.asAdmin().get("/api/v1/resources/" + name).expect(200).json();
        assertThat(stored.get("type").asString()).isEqualTo("ssh");
        assertThat(strings(stored.get("accounts"))).containsExactly("root");
    }

    @Test
    void labelsAreBoundedInNumber() {
        Map<String, String> labels = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            labels.put("k" + i, "v");
        }
        Map<String, Object> body = resource(Api.unique("labelled"), "ssh", List.of(), List.of(), List.of("root"));
        body.put("labels", labels);

        var response = api.asAdmin().post("/api/v1/resources", Api.json(body));

        assertThat(issues(response.expect(400).json())).containsExactly("labels:too_many");
    }

    @Test
    void aSecondResourceWithTheSameNameIsAConflict() {
        String name = Api.unique("dup");
        api.asAdmin().post("/api/v1/resources", Api.json(minimal(name))).expect(201);

        assertThat(api.asAdmin()
                        .post("/api/v1/resources", Api.json(minimal(name)))
                        .status())
                .isEqualTo(409);
    }

    @Test
    void replacingAResourceReplacesEverythingButItsName() {
        String name = Api.unique("web-console");
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(resource(name, "web", List.of(group()), List.of(people.user("o")), List.of("admin"))))
                .expect(201);

        var replaced = api.asAdmin()
                .put("/api/v1/resources/" + name, Api.json(Map.of("type", "http", "accounts", List.of("viewer"))))
                .expect(200)
                .json();

        assertThat(replaced.get("type").asString()).isEqualTo("http");
        assertThat(strings(replaced.get("accounts"))).containsExactly("viewer");
        assertThat(replaced.get("groups").isEmpty()).isTrue();
        assertThat(replaced.get("owners").isEmpty()).isTrue();
        assertThat(replaced.get("labels").isEmpty()).isTrue();
        assertThat(api.asAdmin().get("/api/v1/resources/" + name).json()).isEqualTo(replaced);
        assertThat(api.asAdmin()
                        .put("/api/v1/resources/" + name, Api.json(Map.of("name", "other", "type", "web")))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void unknownResourcesAreNotFound() {
        String ghost = Api.unique("ghost");

        assertThat(api.asAdmin().get("/api/v1/resources/" + ghost).status()).isEqualTo(404);
        assertThat(api.asAdmin()
                        .put("/api/v1/resources/" + ghost, Api.json(minimal(ghost)))
                        .status())
                .isEqualTo(404);
        assertThat(api.asAdmin().delete("/api/v1/resources/" + ghost).status()).isEqualTo(404);
    }

    @Test
    void aDeletedResourceIsGoneAndReleasesItsGroups() {
        String group = group();
        String name = Api.unique("temp");
        api.asAdmin()
                .post("/api/v1/resources", Api.json(resource(name, "vpn", List.of(group), List.of(), List.of("user"))))
                .expect(201);

        api.asAdmin().delete("/api/v1/resources/" + name).expect(204);

        assertThat(api.asAdmin().get("/api/v1/resources/" + name).status()).isEqualTo(404);
        api.asAdmin().delete("/api/v1/groups/" + group).expect(204);
    }

    @Test
    void theListHoldsEveryResourceByName() {
        String b = Api.unique("list-b");
        String a = Api.unique("list-a");
        api.asAdmin().post("/api/v1/resources", Api.json(minimal(b))).expect(201);
        api.asAdmin().post("/api/v1/resources", Api.json(minimal(a))).expect(201);

        List<String> names = new ArrayList<>();
        api.asAdmin()
                .get("/api/v1/resources")
                .expect(200)
                .json()
                .forEach(r -> names.add(r.get("name").asString()));

        assertThat(names).contains(a, b).isSorted();
    }

    @Test
    void auditorsReadResourcesWhileUsersAndAuditorsCannotChangeThem() {
        String name = Api.unique("seen");
        api.asAdmin().post("/api/v1/resources", Api.json(minimal(name))).expect(201);
        String auditor = people.tokenFor(people.user("auditor", Role.AUDITOR));
        String user = people.tokenFor(people.user("user"));

        assertThat(api.as(auditor).get("/api/v1/resources/" + name).status()).isEqualTo(200);
        assertThat(api.as(auditor)
                        .post("/api/v1/resources", Api.json(minimal(Api.unique("x"))))
                        .status())
                .isEqualTo(403);
        assertThat(api.as(user).get("/api/v1/resources").status()).isEqualTo(403);
    }

    private String group() {
        String name = Api.unique("dbas");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", name))).expect(201);
        return name;
    }

    static Map<String, Object> minimal(String name) {
        return resource(name, "ssh", List.of(), List.of(), List.of("root"));
    }

    static Map<String, Object> resource(
            String name, String type, List<String> groups, List<String> owners, List<String> accounts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("groups", groups);
        body.put("labels", Map.of("env", "prod"));
        body.put("owners", owners);
        body.put("accounts", accounts);
        return body;
    }
}
