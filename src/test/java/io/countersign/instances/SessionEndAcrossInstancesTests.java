package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser signed in on one instance, its user deactivated and reactivated, or demoted and promoted
 * back, through the other: the session held in the first instance's memory is still signed out.
 */
class SessionEndAcrossInstancesTests extends TwoInstancesTestBase {

    private static final String PASSWORD = "a long enough password";

    @BeforeAll
    static void start() {
        startOnOneDatabase();
    }

    @Test
    void aDeactivationUndoneOnTheOtherInstanceStillEndsTheSession() {
        String name = person("USER");
        SignedInBrowser browser = SignedInBrowser.at(a, name, PASSWORD);

        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "USER", false)).expect(200);
        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "USER", true)).expect(200);

        assertSentToSignIn(browser.page("/profile"));
    }

    @Test
    void aRoleChangeUndoneOnTheOtherInstanceStillEndsTheSession() {
        String name = person("ADMIN");
        SignedInBrowser browser = SignedInBrowser.at(a, name, PASSWORD);
        assertThat(browser.page("/admin/users").statusCode()).isEqualTo(200);

        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "USER", true)).expect(200);
        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "ADMIN", true)).expect(200);

        assertSentToSignIn(browser.page("/admin/users"));
    }

    private static void assertSentToSignIn(HttpResponse<String> seen) {
        assertThat(seen.statusCode()).isEqualTo(302);
        assertThat(seen.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    private static String person(String role) {
        String name = Api.unique("rosa");
        Map<String, Object> body = new HashMap<>(user(name, role, true));
        body.put("password", PASSWORD);
        a.asAdmin("POST", "/api/v1/users", body).expect(201);
        return name;
    }

    private static Map<String, Object> user(String name, String role, boolean active) {
        return Map.of("username", name, "email", name + "@example.com", "role", role, "active", active);
    }
}
