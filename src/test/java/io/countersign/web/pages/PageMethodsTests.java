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
 * {@code HEAD} and {@code OPTIONS} on the pages, over real HTTP: a {@code HEAD} is the page's {@code GET}
 * without its body, admitted and refused by the same rules; an {@code OPTIONS} tells anyone signed in
 * which methods an address takes, and an address no page has is not found whatever the method.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class PageMethodsTests {

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

    private Visitor signedIn(String role) {
        String name = api.person(role.toLowerCase(), role, PASSWORD);
        return Visitor.signedIn(base, name, PASSWORD);
    }

    @Test
    void headAnswersAsThePageWouldWithoutItsBody() {
        Visitor admin = signedIn("ADMIN");

        for (String page : new String[] {"/", "/requests", "/admin/users"}) {
            HttpResponse<String> get = admin.ask("GET", base + page);
            HttpResponse<String> head = admin.ask("HEAD", base + page);

            assertThat(get.statusCode()).as(page).isEqualTo(200);
            assertThat(get.body()).as(page).contains("<html");
            assertThat(head.statusCode()).as(page).isEqualTo(200);
            assertThat(head.body()).as(page).isEmpty();
            assertThat(head.headers().firstValue("Content-Type"))
                    .as(page)
                    .isEqualTo(get.headers().firstValue("Content-Type"));
        }
    }

    @Test
    void headIsRefusedWhereThePageIs() {
        Visitor user = signedIn("USER");

        assertThat(user.ask("HEAD", base + "/admin/users").statusCode()).isEqualTo(403);
        assertThat(user.ask("HEAD", base + "/no-such-page").statusCode()).isEqualTo(404);
        HttpResponse<String> stranger = new Visitor().ask("HEAD", base + "/requests");
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void optionsTellsAnyoneSignedInWhichMethodsAnAddressTakes() {
        Visitor user = signedIn("USER");

        HttpResponse<String> form = user.ask("OPTIONS", base + "/requests/new");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Allow"))
                .hasValueSatisfying(allow ->
                        assertThat(allow.split(",")).containsExactlyInAnyOrder("GET", "HEAD", "POST", "OPTIONS"));
        // what an address takes, not what the role may do there: the same as the API's Allow
        assertThat(user.ask("OPTIONS", base + "/admin/users").statusCode()).isEqualTo(200);
        assertThat(user.ask("OPTIONS", base + "/no-such-page").statusCode()).isEqualTo(404);
        assertThat(new Visitor().ask("OPTIONS", base + "/requests/new").statusCode())
                .isEqualTo(302);
    }
}
