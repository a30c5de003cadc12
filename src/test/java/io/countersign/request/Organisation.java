package io.countersign.request;

import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Builds the people, groups, resources and policies a request scenario needs, through the API as the
 * administrator. Every name is unique so that scenarios sharing one database never meet.
 */
final class Organisation {

    /** A user and an API token that acts as them. */
    record Person(String name, String token) {}

    private final Api api;

    Organisation(Api api) {
        this.api = api;
    }

    Person person(String base) {
        return person(base, "USER");
    }

    Person person(String base, String role) {
        return create(Api.unique(base), role);
    }

    /** A new user given the name of one who was deleted. */
    Person recreate(String name) {
        return create(name, "USER");
    }

    private Person create(String name, String role) {
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", name, "email", name + "@example.com", "role", role)))
                .expect(201);
        return new Person(name, api.tokenFor(name));
    }

    String group(Person... members) {
        String name = Api.unique("team");
        api.asAdmin()
                .post(
                        "/api/v1/groups",
                        Api.json(Map.of(
                                "name",
                                name,
                                "members",
                                java.util.Arrays.stream(members)
                                        .map(Person::name)
                                        .toList(),
                                "managers",
                                List.of())))
                .expect(201);
        return name;
    }

    /** A database resource with one account, {@code admin}. */
    String resource() {
        return api.resource("db");
    }

    /** A step whose approvers are the given people, {@code required} of them. */
    static Map<String, Object> step(String name, int required, Person... approvers) {
        return Map.of("name", name, "requiredApprovals", required, "approvers", usersNamed(approvers));
    }

    /** A step {@code approver} alone decides, which ends as {@code onTimeout} says once {@code timeout} passes. */
    static Map<String, Object> timedStep(String name, Person approver, String timeout, String onTimeout) {
        Map<String, Object> step = new LinkedHashMap<>(step(name, 1, approver));
        step.put("timeout", timeout);
        step.put("onTimeout", onTimeout);
        return step;
    }

    /** A step {@code approver} alone decides, which escalates to {@code escalateTo} once {@code timeout} passes. */
    static Map<String, Object> escalatingStep(String name, Person approver, String timeout, Person escalateTo) {
        Map<String, Object> step = timedStep(name, approver, timeout, "ESCALATE");
        step.put("escalateTo", List.of(Map.of("user", escalateTo.name())));
        return step;
    }

    /**
     * The policy fields of a break-glass block: access at once for up to {@code maxDuration}, telling
     * {@code notify} of each use and asking {@code reviewers} to review it within a day.
     */
    static Map<String, Object> breakGlassBlock(String maxDuration, List<?> notify, List<?> reviewers) {
        return Api.breakGlassBlock(maxDuration, notify, reviewers, "P1D");
    }

    /** The people, each as a policy names a user. */
    static List<Map<String, Object>> usersNamed(Person... people) {
        return java.util.Arrays.stream(people)
                .map(p -> Map.<String, Object>of("user", p.name()))
                .toList();
    }

    static Map<String, Object> groupStep(String name, int required, String group) {
        return Map.of("name", name, "requiredApprovals", required, "approvers", List.of(Map.of("group", group)));
    }

    /** A policy governing every account of {@code resource}; {@code extra} adds or overrides fields. */
    String policy(String resource, List<Map<String, Object>> steps, Map<String, Object> extra) {
        String name = Api.unique("policy");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("priority", 10);
        body.put("conditions", Map.of("resourceName", resource));
        body.put("steps", steps);
        body.putAll(extra);
        api.asAdmin().post("/api/v1/policies", Api.json(body)).expect(201);
        return name;
    }

    String policy(String resource, List<Map<String, Object>> steps) {
        return policy(resource, steps, Map.of());
    }

    /** A new resource whose policy has one step, Review, that {@code approver} alone decides. */
    String resourceReviewedBy(Person approver) {
        String resource = resource();
        policy(resource, List.of(step("Review", 1, approver)));
        return resource;
    }

    /**
     * The id of a pending request by {@code requester} for a new resource whose own policy has these
     * steps; {@code extra} adds or overrides policy fields.
     */
    String pendingRequest(Person requester, List<Map<String, Object>> steps, Map<String, Object> extra) {
        String resource = resource();
        policy(resource, steps, extra);
        return request(requester, resource).get("id").asString();
    }

    String pendingRequest(Person requester, List<Map<String, Object>> steps) {
        return pendingRequest(requester, steps, Map.of());
    }

    /** A webhook subscribed to these events, delivering to a port nothing listens on; returns its id. */
    String webhook(String path, String... events) {
        return api.webhook("http://127.0.0.1:9" + path, events);
    }

    JsonNode request(Person requester, String resource) {
        return request(requester, resource, Map.of());
    }

    /** A request by {@code requester} for the admin account of {@code resource}; {@code extra} adds body fields. */
    JsonNode request(Person requester, String resource, Map<String, Object> extra) {
        return api.newRequest(requester.token(), resource, extra);
    }
}
