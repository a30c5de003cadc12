package io.countersign.web.api;

import io.countersign.testing.Api;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Creates users, groups, resources, policies and webhooks alike, so that a test can run over every
 * kind.
 */
abstract class ConfigurationObjectsTestBase {

    static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Autowired
    Api api;

    /** Creates one object of the kind named {@code name} and returns the key its URL ends with. */
    String create(String kind, String name) {
        Map<String, Object> body = switch (kind) {
            case "users" -> Map.of("username", name, "email", name + "@example.com");
            case "groups" -> Map.of("name", name, "members", List.of(), "managers", List.of());
            case "resources" -> Map.of("name", name, "type", "database", "accounts", List.of("admin"));
            case "policies" -> policy(name, 10);
            case "webhooks" ->
                Map.of("url", "http://127.0.0.1:9/" + name, "events", List.of("request.created"), "secret", SECRET);
            default -> throw new IllegalArgumentException(kind);
        };
        JsonNode created = api.asAdmin()
                .post("/api/v1/" + kind, Api.json(body))
                .expect(201)
                .json();
        return kind.equals("webhooks") ? created.get("id").asString() : name;
    }

    static Map<String, Object> policy(String name, int priority) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("priority", priority);
        body.put("conditions", Map.of("resourceName", name + "-*"));
        body.put("steps", List.of());
        return body;
    }
}
