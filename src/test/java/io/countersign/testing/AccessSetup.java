package io.countersign.testing;

import java.util.List;
import java.util.Map;

/**
 * Creates, through the API as the administrator, what a test needs before anyone can ask for access:
 * people with a token, resources and their accounts, and policies that grant at once.
 */
public class AccessSetup {

    private final Api api;

    public AccessSetup(Api api) {
        this.api = api;
    }

    /** A database resource called {@code name} with {@code accounts}. */
    public void database(String name, String... accounts) {
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of("name", name, "type", "database", "accounts", List.of(accounts))))
                .expect(201);
    }

    /** A policy with no approval steps for {@code resource}: every request on it is granted at once. */
    public String openPolicy(String resource) {
        String name = Api.unique("open");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name", name, "conditions", Map.of("resourceName", resource), "steps", List.of())))
                .expect(201);
        return name;
    }

    /** A user {@code username} with {@code role}; returns an API token that acts as them. */
    public String tokenForNewUser(String username, String role) {
        return tokenForNewUser(Map.of("username", username, "email", username + "@example.com", "role", role));
    }

    /** The user {@code user} describes, as the API takes it; returns an API token that acts as them. */
    public String tokenForNewUser(Map<String, ?> user) {
        api.asAdmin().post("/api/v1/users", Api.json(user)).expect(201);
        return api.tokenFor((String) user.get("username"));
    }
}
