package io.countersign.grant;

import static org.awaitility.Awaitility.await;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Where grant tests start: dev, a user with an API token to ask for access with, and a fresh name for
 * the resource each test class creates under the policy it is about. The clock moves grants on; the
 * database shows what was stored.
 */
abstract class DevWithATokenTestBase {

    @Autowired
    Api api;

    @Autowired
    AccessSetup setup;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    String dev;
    String devToken;
    String resource;

    @BeforeEach
    void devWithAToken() {
        dev = Api.unique("dev");
        devToken = setup.tokenForNewUser(dev, "USER");
        resource = Api.unique("db");
    }

    /**
     * The audit actions recorded against a grant, oldest first, once the sealer has chained them. What
     * happened to the grant itself only: a delivery of its events, to a webhook another test of the
     * same context left behind, is audited against it too and says nothing of its course.
     */
    List<String> auditActions(String grantId) {
        awaitSealed(grantId);
        return jdbc.sql("select action from audit_events where grant_id = ? and action not like 'notification.%'"
                        + " order by id")
                .param(grantId)
                .query(String.class)
                .list();
    }

    void awaitSealed(String grantId) {
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("select count(*) from audit_journal where grant_id = ?")
                                .param(grantId)
                                .query(Long.class)
                                .single()
                        == 0);
    }

    /** A new user, who may approve, under a fresh name built from {@code base}; answers the name. */
    String newUser(String base) {
        String name = Api.unique(base);
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", name, "email", name + "@example.com")))
                .expect(201);
        return name;
    }

    /**
     * dev's request for the resource's {@code admin} account, with {@code fields} besides, approved by the
     * holder of {@code approverToken}: the grant it opened.
     */
    JsonNode approvedGrant(String approverToken, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(fields);
        body.put("resource", resource);
        body.put("account", "admin");
        String id = api.as(devToken)
                .post("/api/v1/requests", Api.json(body))
                .expect(201)
                .json()
                .get("id")
                .asString();
        return api.as(approverToken)
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200)
                .json()
                .get("grant");
    }

    /**
     * The policy of the resource, approved by {@code approver} alone: two hours at most at once and six in
     * all, extensions included. Answers its name.
     */
    String extensiblePolicy(String approver) {
        setup.database(resource, "admin");
        String policy = Api.unique("db-policy");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                policy,
                                "conditions",
                                Map.of("resourceName", resource),
                                "maxDuration",
                                "PT2H",
                                "extension",
                                Map.of("maxTotalDuration", "PT6H"),
                                "steps",
                                List.of(Map.of("approvers", List.of(Map.of("user", approver)))))))
                .expect(201);
        return policy;
    }
}
