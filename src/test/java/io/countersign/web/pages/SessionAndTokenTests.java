package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * A browser signed in to the pages that calls the API with a token (the console does, from the same
 * address) sends its session cookie along. The token decides the call; the session is left as it was,
 * neither renamed nor given the token's role.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class SessionAndTokenTests {

    private static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    String base;

    @BeforeEach
    void address() {
        base = "http://localhost:" + port;
    }

    @Test
    void anApiCallWithATokenLeavesTheBrowsersSessionAlone() {
        String name = api.person("browsing", "USER", PASSWORD);
        Visitor user = Visitor.signedIn(base, name, PASSWORD);

        HttpResponse<String> call =
                user.ask("GET", base + "/api/v1/users?limit=1", "Authorization", "Bearer " + Api.ADMIN_TOKEN);

        assertThat(call.statusCode()).isEqualTo(200);
        // a new session id would sign out every other tab and call still holding the old one
        assertThat(call.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(user.ask("GET", base + "/requests/new").statusCode()).isEqualTo(200);
        // the administrator's token did not make the session an administrator's
        assertThat(user.ask("GET", base + "/admin/users").statusCode()).isEqualTo(403);
    }
}
