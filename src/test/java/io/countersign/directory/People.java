package io.countersign.directory;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Builds users through the API for tests: unique names, optional role, a token to act as them. */
public final class People {

    private final Api api;

    public People(Api api) {
        this.api = api;
    }

    /** A new active USER named after {@code base}. */
    public String user(String base) {
        return user(base, Role.USER);
    }

    public String user(String base, Role role) {
        String username = Api.unique(base);
        api.asAdmin().post("/api/v1/users", Api.json(body(username, role))).expect(201);
        return username;
    }

    /** A new user with a level and a manager. */
    public String user(String base, String level, String manager) {
        String username = Api.unique(base);
        Map<String, Object> body = body(username, Role.USER);
        body.put("level", level);
        body.put("manager", manager);
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);
        return username;
    }

    /** An API token that acts as {@code username}. */
    public String tokenFor(String username) {
        return api.asAdmin()
                .post("/api/v1/users/" + username + "/tokens", "{\"name\":\"" + Api.unique("test") + "\"}")
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    /** Adds a level above the configured ones and returns its name. */
    public String level(String base) {
        String level = Api.unique(base);
        List<String> levels = new ArrayList<>();
        api.asAdmin().get("/api/v1/levels").expect(200).json().forEach(node -> levels.add(node.asString()));
        levels.add(level);
        api.asAdmin().put("/api/v1/levels", Api.json(levels)).expect(200);
        return level;
    }

    public static Map<String, Object> body(String username, Role role) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", username + "@example.com");
        body.put("displayName", "Person " + username);
        body.put("role", role.name());
        return body;
    }

    /**
     * Deactivates every other administrator the tests on this database made, so that the bootstrap
     * administrator is the last active one.
     */
    public void onlyTheBootstrapAdministratorIsAnActiveAdmin() {
        for (JsonNode user : api.asAdmin().get("/api/v1/users").expect(200).json()) {
            String username = user.get("username").asString();
            if (!username.equals("admin") && user.get("role").asString().equals("ADMIN")) {
                api.asAdmin()
                        .put(
                                "/api/v1/users/" + username,
                                Api.json(Map.of(
                                        "email", user.get("email").asString(), "role", "ADMIN", "active", false)))
                        .expect(200);
            }
        }
    }
}
