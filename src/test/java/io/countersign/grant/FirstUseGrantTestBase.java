package io.countersign.grant;

import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A resource whose policy's grants start their clock at the first access check that allows them. */
abstract class FirstUseGrantTestBase extends DevWithATokenTestBase {

    @Autowired
    GrantTimers timers;

    @Autowired
    FirstUse firstUse;

    @Autowired
    GrantRepository repository;

    String gatewayToken;
    String policy;

    @BeforeEach
    void organisation() {
        gatewayToken = setup.tokenForNewUser(Api.unique("gateway"), "ENFORCER");
        policy = Api.unique("on-first-use");
        // no approval steps: approved at once, and the grant waits for its first use for a day
        firstUseResource(resource, policy, List.of());
    }

    /** A resource governed by a policy whose grants wait a day for their first use, approved by {@code steps}. */
    void firstUseResource(String name, String policyName, List<?> steps) {
        setup.database(name, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                policyName,
                                "conditions",
                                Map.of("resourceName", name),
                                "defaultDuration",
                                "PT1H",
                                "startOnFirstUse",
                                true,
                                "claimWindow",
                                "P1D",
                                "steps",
                                steps)))
                .expect(201);
    }

    JsonNode approvedGrant() {
        return api.as(devToken)
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")))
                .expect(201)
                .json()
                .get("grant");
    }

    JsonNode check() {
        return api.as(gatewayToken)
                .get("/api/v1/access/check?user=" + dev + "&resource=" + resource + "&account=admin")
                .expect(200)
                .json();
    }

    JsonNode grant(String id) {
        return api.as(devToken).get("/api/v1/grants/" + id).expect(200).json();
    }
}
