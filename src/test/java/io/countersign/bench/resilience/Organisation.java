package io.countersign.bench.resilience;

import io.countersign.notify.EventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Sets up what the load needs through both instances in turn: requesters, two approver groups, a
 * database resource, a two-step policy (one of the first group, then one of the second) and a
 * webhook subscribed to every event type that points at the suite's own receiver.
 */
final class Organisation {

    static final String RESOURCE = "resilience-db";
    static final String ACCOUNT = "admin";
    static final int APPROVERS_PER_STEP = 3;

    final List<String> requesters = new ArrayList<>();
    final List<String> requesterTokens = new ArrayList<>();
    /** Per step, the approvers of that step and their tokens, in the same order. */
    final List<List<String>> approvers = List.of(new ArrayList<>(), new ArrayList<>());

    final List<List<String>> approverTokens = List.of(new ArrayList<>(), new ArrayList<>());
    String webhookId;

    private final Api api;
    private final String adminToken;

    private Organisation(Api api, String adminToken) {
        this.api = api;
        this.adminToken = adminToken;
    }

    static Organisation create(Api api, String adminToken, int clients, String receiverUrl, String webhookSecret)
            throws InterruptedException {
        Organisation organisation = new Organisation(api, adminToken);
        organisation.setUp(clients, receiverUrl, webhookSecret);
        return organisation;
    }

    private void setUp(int clients, String receiverUrl, String webhookSecret) throws InterruptedException {
        for (int i = 0; i < clients; i++) {
            String name = "requester-" + i;
            requesters.add(name);
            requesterTokens.add(userWithToken(name));
        }
        for (int step = 0; step < 2; step++) {
            for (int i = 0; i < APPROVERS_PER_STEP; i++) {
                String name = "approver-" + step + "-" + i;
                approvers.get(step).add(name);
                approverTokens.get(step).add(userWithToken(name));
            }
            admin(
                    "POST",
                    "/api/v1/groups",
                    Map.of("name", group(step), "members", approvers.get(step), "managers", List.of()),
                    201);
        }
        admin(
                "POST",
                "/api/v1/resources",
                Map.of("name", RESOURCE, "type", "database", "accounts", List.of(ACCOUNT)),
                201);
        admin(
                "POST",
                "/api/v1/policies",
                Map.of(
                        "name",
                        "resilience-two-step",
                        "priority",
                        100,
                        "conditions",
                        Map.of("resourceName", RESOURCE),
                        "steps",
                        List.of(step("First review", 0), step("Second review", 1))),
                201);
        webhookId = admin(
                        "POST",
                        "/api/v1/webhooks",
                        Map.of("url", receiverUrl, "events", EventType.wireNames(), "secret", webhookSecret),
                        201)
                .text("id");
    }

    private static String group(int step) {
        return "resilience-step-" + step;
    }

    private static Map<String, Object> step(String name, int step) {
        return Map.of("name", name, "approvers", List.of(Map.of("group", group(step))), "requiredApprovals", 1);
    }

    private String userWithToken(String username) throws InterruptedException {
        admin(
                "POST",
                "/api/v1/users",
                Map.of("username", username, "email", username + "@example.com", "role", "USER"),
                201);
        return admin("POST", "/api/v1/users/" + username + "/tokens", Map.of("name", "resilience"), 201)
                .text("token");
    }

    private Api.Answer admin(String method, String path, Object body, int expected) throws InterruptedException {
        Api.Answer answer = api.call(method, path, adminToken, body);
        Api.expect(answer, expected, method + " " + path);
        return answer;
    }
}
