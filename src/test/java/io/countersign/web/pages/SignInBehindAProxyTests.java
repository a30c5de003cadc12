package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.security.SignInProperties;
import io.countersign.testing.Api;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Behind a proxy on the local network, sign-in failures are counted by the client the proxy forwards
 * for, not by the proxy: one client spraying a password over many usernames is stopped, and says so
 * on the page, while the others behind the same proxy sign in as before.
 */
class SignInBehindAProxyTests extends ServedPagesTestBase {

    private static final String SPRAYING = "203.0.113.7";

    @Autowired
    SignInProperties limits;

    private HttpResponse<String> signIn(Visitor browser, String username) {
        return browser.post(
                base + "/login",
                base + "/login",
                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8));
    }

    private static URI landedOn(Visitor browser) {
        List<URI> visited = browser.visited();
        return visited.get(visited.size() - 1);
    }

    @Test
    void aClientThatFailedWithManyUsernamesIsToldSoWhileOtherClientsOfTheProxySignIn() {
        String username = api.person("proxied", "USER", PASSWORD);
        Visitor spraying = Visitor.behindAProxyFor(SPRAYING);
        for (int i = 0; i < limits.maxFailuresPerAddress(); i++) {
            signIn(spraying, Api.unique("sprayed"));
            assertThat(landedOn(spraying).getQuery()).isEqualTo("error");
        }

        HttpResponse<String> refused = signIn(spraying, username);

        assertThat(landedOn(spraying).getQuery()).isEqualTo("throttled");
        assertThat(refused.body())
                .contains("Too many failed sign-ins from your network address.")
                .doesNotContain(PASSWORD);
        JsonNode audited = api.asAdmin()
                .get("/api/v1/audit?action=user.sign_in_failed&actor=" + username)
                .expect(200)
                .json()
                .get("items")
                .get(0);
        assertThat(audited.get("sourceAddress").asString()).isEqualTo(SPRAYING);
        assertThat(audited.get("reason").asString()).isEqualTo("throttled");

        Visitor neighbour = Visitor.behindAProxyFor("203.0.113.8");
        signIn(neighbour, username);
        assertThat(landedOn(neighbour).getPath()).isEqualTo("/");
        assertThat(api.asAdmin()
                        .get("/api/v1/audit?action=user.signed_in&actor=" + username)
                        .expect(200)
                        .json()
                        .get("items")
                        .get(0)
                        .get("sourceAddress")
                        .asString())
                .isEqualTo("203.0.113.8");
    }
}
