package io.countersign.web.pages;

import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the browser tests start from, made through the API with names of their own: a requester who
 * holds an API token named {@code laptop}, a lead and security who approve in turn under a two-step
 * policy on a database of its own (at most 4 hours), and an auditor. Everybody signs in with
 * {@link #PASSWORD}.
 */
final class BrowserScene {

    static final String PASSWORD = "a long enough password";

    final String requester;
    final String requesterToken;
    final String lead;
    final String security;
    final String auditor;
    final String resource;
    final String policy;

    private final Api api;

    BrowserScene(Api api) {
        this.api = api;
        requester = person("dev", "USER");
        requesterToken = tokenOf(requester, "laptop");
        lead = person("lisa", "USER");
        security = person("carol", "USER");
        auditor = person("audrey", "AUDITOR");
        resource = Api.unique("db");
        policy = twoStepPolicyOn(resource);
    }

    /** Another USER who may sign in. */
    String person(String base) {
        return person(base, "USER");
    }

    String person(String base, String role) {
        return api.person(base, role, PASSWORD);
    }

    /** A new API token of the user's. */
    String tokenOf(String username) {
        return tokenOf(username, Api.unique("laptop"));
    }

    /** A pending request by the requester for the admin account of the resource, for an hour. */
    String request(String justification) {
        return api.as(requesterToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT1H",
                                "justification",
                                justification)))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    private String tokenOf(String username, String tokenName) {
        return api.asAdmin()
                .post("/api/v1/users/" + username + "/tokens", Api.json(Map.of("name", tokenName)))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    /** The lead, then security, approve requests for the admin account of the resource, for at most 4 hours. */
    private String twoStepPolicyOn(String name) {
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of("name", name, "type", "database", "accounts", List.of("admin"))))
                .expect(201);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Api.unique("policy"));
        body.put("priority", 10);
        body.put("conditions", Map.of("resourceName", name));
        body.put("maxDuration", "PT4H");
        body.put("steps", List.of(step("Lead review", lead), step("Security review", security)));
        api.asAdmin().post("/api/v1/policies", Api.json(body)).expect(201);
        return (String) body.get("name");
    }

    private static Map<String, Object> step(String name, String approver) {
        return Map.of("name", name, "requiredApprovals", 1, "approvers", List.of(Map.of("user", approver)));
    }
}
