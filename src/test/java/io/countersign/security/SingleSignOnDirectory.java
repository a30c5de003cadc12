package io.countersign.security;

import io.countersign.directory.People;
import io.countersign.shared.Role;
import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;

/**
 * The people and teams a single sign-on test starts from, made and read back through the API, so a
 * test can see what signing in changed in the directory.
 */
public final class SingleSignOnDirectory {

    private final Api api;

    public SingleSignOnDirectory(Api api) {
        this.api = api;
    }

    /** A new USER, active or not. */
    public String person(boolean active) {
        String username = Api.unique("erin");
        Map<String, Object> body = People.body(username, Role.USER);
        body.put("active", active);
        api.asAdmin().post("/api/v1/users", Api.json(body)).expect(201);
        return username;
    }

    /** A new team with these members and no managers. */
    public String group(List<String> members) {
        String name = Api.unique("team");
        api.asAdmin()
                .post("/api/v1/groups", Api.json(Map.of("name", name, "members", members, "managers", List.of())))
                .expect(201);
        return name;
    }

    /** The usernames the team has as members now. */
    public List<String> members(String group) {
        return api.asAdmin()
                .get("/api/v1/groups/" + group)
                .expect(200)
                .json()
                .get("members")
                .valueStream()
                .map(member -> member.asString())
                .toList();
    }
}
