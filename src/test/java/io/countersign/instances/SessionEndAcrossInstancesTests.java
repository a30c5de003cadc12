package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A browser signed in on one instance, its user deactivated and reactivated, or demoted and promoted
 * back, through the other: the session held in the first instance's memory is still signed out.
 */
class SessionEndAcrossInstancesTests extends TwoInstancesTestBase {

    private static final String PASSWORD = "a long enough password";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @BeforeAll
    static void start() {
        startOnOneDatabase();
    }

    @Test
    void aDeactivationUndoneOnTheOtherInstanceStillEndsTheSession() {
        String name = person("USER");
        HttpClient browser = signedInOnA(name);

        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "USER", false)).expect(200);
        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "USER", true)).expect(200);

        assertSentToSignIn(page(browser, "/profile"));
    }

    @Test
    void aRoleChangeUndoneOnTheOtherInstanceStillEndsTheSession() {
        String name = person("ADMIN");
        HttpClient browser = signedInOnA(name);
        assertThat(page(browser, "/admin/users").statusCode()).isEqualTo(200);

        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "USER", true)).expect(200);
        b.asAdmin("PUT", "/api/v1/users/" + name, user(name, "ADMIN", true)).expect(200);

        assertSentToSignIn(page(browser, "/admin/users"));
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

    private static HttpClient signedInOnA(String name) {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Matcher token = CSRF.matcher(page(browser, "/login").body());
        assertThat(token.find()).isTrue();
        HttpResponse<String> signedIn = send(
                browser,
                HttpRequest.newBuilder(a.uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf="
                                + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8) + "&username=" + name
                                + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))));
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/");
        assertThat(page(browser, "/profile").statusCode()).isEqualTo(200);
        return browser;
    }

    private static HttpResponse<String> page(HttpClient browser, String path) {
        return send(
                browser,
                HttpRequest.newBuilder(a.uri(path))
                        .header("Accept", "text/html")
                        .GET());
    }

    private static HttpResponse<String> send(HttpClient browser, HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
