package io.countersign.policy;

import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;

/** Creates users, groups and resources through the REST API, each with a name no other test uses. */
final class Identities {

    private final Api api;

    Identities(Api api) {
        this.api = api;
    }

    String user(String base) {
        return user(base, null);
    }

    String user(String base, String manager) {
        String username = Api.unique(base);
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("username", username);
        body.put("email", username + "@example.com");
        body.put("displayName", base);
        body.put("role", "USER");
        if (manager != null) {
            body.put("manager", manager);
        }
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);
        return username;
    }

    String group(String base, List<String> members, List<String> managers) {
        String name = Api.unique(base);
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", name, "members", members, "managers", managers)))
                .expect(201);
        return name;
    }

    String resource(String base, List<String> groups, List<String> owners, String... accounts) {
        String name = Api.unique(base);
        api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of(
                                "name",
                                name,
                                "type",
                                "database",
                                "groups",
                                groups,
                                "labels",
                                Map.of(),
                                "owners",
                                owners,
                                "accounts",
                                List.of(accounts))))
                .expect(201);
        return name;
    }

    String tokenFor(String username) {
        return api.asAdmin()
                .post("/api/v1/users/" + username + "/tokens", Api.json(Map.of("name", Api.unique("test"))))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }
}
