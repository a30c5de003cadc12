package io.countersign.security;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.People;
import io.countersign.directory.UserInput;
import io.countersign.directory.Users;
import io.countersign.shared.Actor;
import io.countersign.shared.Role;
import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@CountersignTest
class EnforcerScopeTests {

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Users users;

    @Autowired
    People people;

    @Autowired
    AccessSetup setup;

    String group;
    String prodDb;
    String stagingDb;
    String otherDb;
    String dev;

    @BeforeEach
    void inventory() {
        group = Api.unique("staging");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))).expect(201);
        // not "prod-…": other tests sharing the application context own policies for prod-*
        prodDb = resource("scoped-db", List.of());
        stagingDb = resource("stage-db", List.of(group));
        otherDb = resource("lab-db", List.of());
        dev = people.user("dev");
    }

    private String resource(String base, List<String> groups) {
        String name = Api.unique(base);
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of(
                                "name", name, "type", "database", "accounts", List.of("admin"), "groups", groups)))
                .expect(201);
        return name;
    }

    private Map<String, Object> enforcer(String username, Object scope) {
        Map<String, Object> body = People.body(username, Role.ENFORCER);
        if (scope != null) {
            body.put("scope", scope);
        }
        return body;
    }

    /** A new ENFORCER limited to resources named like {@code scoped-db-*} or in the staging group; returns its token. */
    private String scopedEnforcer() {
        String gateway = Api.unique("gateway");
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(enforcer(
                                gateway,
                                Map.of("resources", List.of("scoped-db-*"), "resourceGroups", List.of(group)))))
                .expect(201);
        return people.tokenFor(gateway);
    }

    private Api.Response check(String token, String user, String resource) {
        return api.as(token).get("/api/v1/access/check?user=" + user + "&resource=" + resource + "&account=admin");
    }

    @Test
    void anEnforcerCarriesAScopeThatIsReturnedAndAudited() {
        String gateway = Api.unique("gateway");
        Map<String, Object> scope =
                Map.of("resources", List.of("Prod-*"), "resourceGroups", List.of(group.toUpperCase()));

        JsonNode created = api.asAdmin()
                .post("/api/v1/users", Api.json(enforcer(gateway, scope)))
                .expect(201)
                .json();

        assertThat(created.get("scope").get("resources").get(0).asString()).isEqualTo("prod-*");
        assertThat(created.get("scope").get("resources").size()).isEqualTo(1);
        JsonNode read =
                api.asAdmin().get("/api/v1/users/" + gateway).expect(200).json();
        assertThat(read.get("scope").get("resourceGroups").get(0).asString()).isEqualTo(group);
        JsonNode listed = null;
        for (JsonNode user : api.asAdmin().get("/api/v1/users").expect(200).json()) {
            if (user.get("username").asString().equals(gateway)) {
                listed = user;
            }
        }
        assertThat(listed.get("scope").get("resources").get(0).asString()).isEqualTo("prod-*");
        assertThat(api.asAdmin().get("/api/v1/users/" + dev).json().has("scope"))
                .isFalse();
        assertThat(jdbc.sql("select count(*) from audit_events where action = 'enforcer.scope_changed' and target = ?")
                        .param("user:" + gateway)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aBadScopeIsRefusedWithEveryProblemAndNothingIsCreated() {
        String gateway = Api.unique("gateway");
        Map<String, Object> body = enforcer(
                gateway, Map.of("resources", List.of("prod-**", "ok-*"), "resourceGroups", List.of("no-such-group")));
        body.put("email", "not an address");

        var refused = api.asAdmin().post("/api/v1/users", Api.json(body));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(issues(refused))
                .contains("scope.resources[0]:invalid_glob", "scope.resourceGroups[0]:unknown_group")
                .anyMatch(code -> code.startsWith("email:"));
        assertThat(api.asAdmin().get("/api/v1/users/" + gateway).status()).isEqualTo(404);

        body.put("email", gateway + "@example.com");
        var stillRefused = api.asAdmin().post("/api/v1/users", Api.json(body));
        assertThat(stillRefused.status()).isEqualTo(400);
        assertThat(api.asAdmin().get("/api/v1/users/" + gateway).status()).isEqualTo(404);
    }

    @Test
    void aScopeNamingAGlobOrGroupTwiceInAnyCaseIsRefusedAndNothingIsCreated() {
        String gateway = Api.unique("gateway");
        Map<String, Object> scope = Map.of(
                "resources",
                List.of("prod-*", "stage-*", "Prod-*"),
                "resourceGroups",
                List.of(group, group.toUpperCase()));

        var refused = api.asAdmin().post("/api/v1/users", Api.json(enforcer(gateway, scope)));

        assertThat(issues(refused.expect(400).json()))
                .containsExactly("scope.resources[2]:duplicate", "scope.resourceGroups[1]:duplicate");
        assertThat(refused.json().get("errors").get(0).get("message").asString())
                .isEqualTo("'prod-*' is already entry 1 of the resources");
        assertThat(api.asAdmin().get("/api/v1/users/" + gateway).status()).isEqualTo(404);
    }

    @Test
    void onlyAnEnforcerCanCarryAScopeAndAnEmptyScopeIsRefused() {
        String user = Api.unique("user");
        Map<String, Object> body = People.body(user, Role.USER);
        body.put("scope", Map.of("resources", List.of("prod-*")));

        var notEnforcer = api.asAdmin().post("/api/v1/users", Api.json(body));
        var empty = api.asAdmin().post("/api/v1/users", Api.json(enforcer(Api.unique("gw"), Map.of())));

        assertThat(issues(notEnforcer)).containsExactly("scope:not_enforcer");
        assertThat(issues(empty)).containsExactly("scope:empty");
        assertThat(api.asAdmin().get("/api/v1/users/" + user).status()).isEqualTo(404);
    }

    @Test
    void replacingAnEnforcerReplacesOrRemovesItsScope() {
        String gateway = Api.unique("gateway");
        api.asAdmin()
                .post("/api/v1/users", Api.json(enforcer(gateway, Map.of("resources", List.of("prod-*")))))
                .expect(201);

        JsonNode narrowed = api.asAdmin()
                .put("/api/v1/users/" + gateway, Api.json(enforcer(gateway, Map.of("resourceGroups", List.of(group)))))
                .expect(200)
                .json();
        assertThat(narrowed.get("scope").get("resources").size()).isZero();
        assertThat(narrowed.get("scope").get("resourceGroups").get(0).asString())
                .isEqualTo(group);

        var asUserWithScope = api.asAdmin()
                .put(
                        "/api/v1/users/" + gateway,
                        Api.json(Map.of(
                                "email",
                                gateway + "@example.com",
                                "role",
                                "USER",
                                "scope",
                                Map.of("resources", List.of("x")))));
        assertThat(issues(asUserWithScope)).containsExactly("scope:not_enforcer");

        JsonNode unscoped = api.asAdmin()
                .put("/api/v1/users/" + gateway, Api.json(enforcer(gateway, null)))
                .expect(200)
                .json();
        assertThat(unscoped.has("scope")).isFalse();
        assertThat(api.asAdmin().get("/api/v1/users/" + gateway).json().has("scope"))
                .isFalse();
    }

    @Test
    void anEnforcerGivenAnotherRoleByAnImportLosesTheScopeToo() {
        String gateway = Api.unique("gateway");
        api.asAdmin()
                .post("/api/v1/users", Api.json(enforcer(gateway, Map.of("resources", List.of("scoped-db-*")))))
                .expect(201);

        api.asAdmin()
                .post("/api/v1/import", Api.json(Map.of("users", List.of(People.body(gateway, Role.USER)))))
                .expect(200);
        api.asAdmin()
                .post("/api/v1/import", Api.json(Map.of("users", List.of(People.body(gateway, Role.ENFORCER)))))
                .expect(200);

        assertThat(api.asAdmin().get("/api/v1/users/" + gateway).json().has("scope"))
                .as("a scope does not come back with the role")
                .isFalse();
    }

    @Test
    void aScopedEnforcerChecksOnlyResourcesMatchingAGlobOrInAGroup() {
        String gateway = scopedEnforcer();

        var byGlob = check(gateway, dev, prodDb);
        var byGroup = check(gateway, dev, stagingDb);
        var outside = check(gateway, dev, otherDb);

        assertThat(byGlob.status()).isEqualTo(200);
        assertThat(byGroup.status()).isEqualTo(200);
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.contentType()).startsWith("application/problem+json");
        assertThat(outside.json().get("detail").asString()).contains(otherDb).contains("outside the scope");
    }

    @Test
    void anEnforcerWithoutScopeChecksEveryResource() {
        String gateway = people.tokenFor(people.user("gateway", Role.ENFORCER));

        assertThat(check(gateway, dev, otherDb).status()).isEqualTo(200);
        assertThat(check(gateway, dev, prodDb).status()).isEqualTo(200);
    }

    @Test
    void noEnforcerActsOnBehalfOfAnAdministratorAuditorOrEnforcerAccount() {
        String unscopedName = people.user("gateway", Role.ENFORCER);
        String unscoped = people.tokenFor(unscopedName);
        String scoped = scopedEnforcer();
        String admin = people.user("admin", Role.ADMIN);
        String auditor = people.user("auditor", Role.AUDITOR);

        for (String gateway : List.of(unscoped, scoped)) {
            for (String account : List.of(admin, auditor, unscopedName)) {
                assertThat(check(gateway, account, prodDb).status()).as(account).isEqualTo(403);
                assertThat(api.as(gateway)
                                .post(
                                        "/api/v1/requests",
                                        Api.json(Map.of("resource", prodDb, "account", "admin", "requester", account)))
                                .status())
                        .as(account)
                        .isEqualTo(403);
            }
        }
        assertThat(check(Api.ADMIN_TOKEN, admin, prodDb).status())
                .as("administrators themselves still check anyone")
                .isEqualTo(200);
    }

    @Test
    void aScopedEnforcerRequestsOnBehalfOfUsersOnlyWithinItsScope() {
        setup.openPolicy(prodDb);
        setup.openPolicy(otherDb);
        String gateway = scopedEnforcer();

        var outside = api.as(gateway)
                .post("/api/v1/requests", Api.json(Map.of("resource", otherDb, "account", "admin", "requester", dev)));
        var inside = api.as(gateway)
                .post("/api/v1/requests", Api.json(Map.of("resource", prodDb, "account", "admin", "requester", dev)));

        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.json().get("detail").asString()).contains("outside the scope");
        assertThat(inside.status()).as(inside.body()).isEqualTo(201);
        assertThat(jdbc.sql("select count(*) from access_requests where requester = ? and resource_name = ?")
                        .params(dev, otherDb)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aScopedEnforcerExplainsOnlyWithinItsScope() {
        String policy = setup.openPolicy(otherDb);
        String gateway = scopedEnforcer();

        var outside = api.as(gateway)
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("resource", otherDb, "account", "admin", "requester", dev)));
        var withoutRequester = api.as(gateway)
                .post("/api/v1/policies/explain", Api.json(Map.of("resource", otherDb, "account", "admin")));
        var inside = api.as(gateway)
                .post(
                        "/api/v1/policies/explain",
                        Api.json(Map.of("resource", prodDb, "account", "admin", "requester", dev)));

        for (var refused : List.of(outside, withoutRequester)) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("outside the scope").doesNotContain(policy);
        }
        assertThat(inside.status()).as(inside.body()).isEqualTo(200);
    }

    @Test
    void noEnforcerExplainsForItsOwnAccountEvenWithTheRequesterLeftOut() {
        setup.openPolicy(prodDb);
        String unscopedName = people.user("gateway", Role.ENFORCER);

        for (String gateway : List.of(people.tokenFor(unscopedName), scopedEnforcer())) {
            for (Map<String, String> body : List.of(
                    Map.of("resource", prodDb, "account", "admin"),
                    Map.of("resource", prodDb, "account", "admin", "requester", ""))) {
                var refused = api.as(gateway).post("/api/v1/policies/explain", Api.json(body));

                assertThat(refused.status()).as(refused.body()).isEqualTo(403);
                assertThat(refused.contentType()).startsWith("application/problem+json");
                assertThat(refused.body()).doesNotContain("\"matched\"");
            }
            var forAUser = api.as(gateway)
                    .post(
                            "/api/v1/policies/explain",
                            Api.json(Map.of("resource", prodDb, "account", "admin", "requester", dev)));
            assertThat(forAUser.status()).as(forAUser.body()).isEqualTo(200);
        }
    }

    @Test
    void aGroupNamedByAScopeCannotBeDeleted() {
        scopedEnforcer();

        var refused = api.asAdmin().delete("/api/v1/groups/" + group);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("scope");
    }

    @Test
    void anEnforcerMadeAUserLosesItsScope() {
        String gateway = Api.unique("gateway");
        api.asAdmin()
                .post("/api/v1/users", Api.json(enforcer(gateway, Map.of("resources", List.of("prod-*")))))
                .expect(201);
        // a path that knows nothing of scopes, as a bulk import or another module would take
        users.replace(
                Actor.system(),
                gateway,
                new UserInput(gateway, gateway + "@example.com", "Gateway", null, null, Role.USER, true));
        users.replace(
                Actor.system(),
                gateway,
                new UserInput(gateway, gateway + "@example.com", "Gateway", null, null, Role.ENFORCER, true));

        JsonNode again =
                api.asAdmin().get("/api/v1/users/" + gateway).expect(200).json();

        assertThat(again.has("scope")).isFalse();
    }
}
