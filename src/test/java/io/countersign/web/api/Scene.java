package io.countersign.web.api;

import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small organisation built through the API as the administrator: a requester, an approver, a
 * group, a resource, a one-step policy, a pending request, an active grant and a webhook. Every
 * name is unique, so scenes sharing a database never meet.
 */
final class Scene {

    final String dev;
    final String devToken;
    final String lisa;
    final String lisaToken;
    final String group;
    final String resource;
    final String policy;
    final String pendingRequest;
    final String grantedRequest;
    final String grant;
    final String webhook;

    Scene(Api api) {
        dev = user(api, "dev");
        devToken = api.tokenFor(dev);
        lisa = user(api, "lisa");
        lisaToken = api.tokenFor(lisa);
        group = Api.unique("team");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", group, "members", List.of(dev), "managers", List.of())))
                .expect(201);
        resource = api.resource("db");
        policy = Api.unique("policy");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", policy);
        body.put("conditions", Map.of("resourceName", resource));
        body.put(
                "steps",
                List.of(Map.of("name", "Review", "approvers", List.of(Map.of("user", lisa)), "requiredApprovals", 1)));
        api.asAdmin().post("/api/v1/policies", Api.json(body)).expect(201);
        pendingRequest = request(api);
        grantedRequest = request(api);
        api.as(lisaToken)
                .post("/api/v1/requests/" + grantedRequest + "/approve", "{}")
                .expect(200);
        grant = api.asAdmin()
                .get("/api/v1/requests/" + grantedRequest)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();
        webhook = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(Map.of(
                                "url",
                                "https://hooks.example.org/countersign",
                                "events",
                                List.of("request.expired"),
                                "secret",
                                "a-long-enough-secret")))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    String request(Api api) {
        return api.ask(devToken, resource, Map.of("justification", "INC-1"));
    }

    private static String user(Api api, String base) {
        String name = Api.unique(base);
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", name, "email", name + "@example.com")))
                .expect(201);
        return name;
    }
}
