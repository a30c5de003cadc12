package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The headers that say how a call is sent and answered ({@code Content-Type}, {@code Accept},
 * {@code Accept-Language}, {@code Prefer}), sent over a socket as written: a value the service cannot
 * read is a problem document and changes nothing, never a failure of the service's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class NegotiationHeadersOnTheWireTests {

    private static final String ADMIN = "Authorization: Bearer " + Api.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Test
    void aPreferHoldingAControlCharacterIsRefusedWith400AndCreatesNoRequest() throws Exception {
        String resource = api.resourceGovernedBy(Map.of("steps", java.util.List.of()));
        String body = Api.json(Map.of("resource", resource, "account", "admin"));

        Answer answer = RawHttp.sendBody(
                port, "POST", "/api/v1/requests", body, ADMIN, "Content-Type: application/json", "Prefer: wait=\u0085");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(RawHttp.send(port, "GET", "/api/v1/requests?resource=" + resource, ADMIN)
                        .json()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void aContentTypeHoldingAControlCharacterIsRefusedWith400AndCreatesNothing() throws Exception {
        String name = Api.unique("ctype");

        Answer answer = RawHttp.sendBody(
                port,
                "POST",
                "/api/v1/users",
                Api.json(Map.of("username", name, "email", name + "@example.com")),
                ADMIN,
                "Content-Type: application/json\u0085");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("detail").asString()).startsWith("A header or parameter holds characters");
        assertThat(RawHttp.send(port, "GET", "/api/v1/users/" + name, ADMIN).status())
                .isEqualTo(404);
    }

    /**
     * The service answers in one language, so {@code Accept-Language} is a wish it may pass over: one
     * naming more languages than the server parses (ten) is passed over too, on the API and the pages.
     */
    @Test
    void anAcceptLanguageNamingManyLanguagesIsPassedOver() throws Exception {
        String many = "Accept-Language: " + "en,".repeat(11) + "de;q=0.5";

        Answer api = RawHttp.send(port, "GET", "/api/v1/users/admin", ADMIN, many);
        assertThat(api.status()).isEqualTo(200);
        assertThat(api.json().get("username").asString()).isEqualTo("admin");

        Answer page = RawHttp.send(port, "GET", "/login", "Accept: text/html", many);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");

        Answer refused = RawHttp.send(port, "GET", "/api/v1/users/nobody-here", ADMIN, many);
        assertThat(refused.status()).isEqualTo(404);
        assertThat(refused.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void anAcceptHoldingAControlCharacterIsAProblemDocumentNamingThePath() throws Exception {
        for (String[] call : new String[][] {{"GET", "/api/v1/users", ADMIN}, {"GET", "/requests", "X-None: 1"}}) {
            Answer answer = RawHttp.send(port, call[0], call[1], call[2], "Accept: application/json\u0085");

            assertThat(answer.status()).as(call[1]).isEqualTo(400);
            assertThat(answer.contentType()).as(call[1]).isEqualTo("application/problem+json");
            assertThat(answer.json().get("title").asString()).isEqualTo("Bad Request");
            assertThat(answer.json().get("detail").asString()).startsWith("A header or parameter holds characters");
            assertThat(answer.json().get("instance").asString()).isEqualTo(call[1]);
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void anAcceptHoldingAControlCharacterWithoutATokenIsStillAProblemDocument() throws Exception {
        Answer answer = RawHttp.send(port, "GET", "/api/v1/users", "Accept: application/json\u0085");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("instance").asString()).isEqualTo("/api/v1/users");
    }

    @Test
    void anAcceptHoldingAControlCharacterAtADecisionLinkDoesNotRepeatTheLink() throws Exception {
        Answer answer = RawHttp.send(port, "GET", "/actions/secret-token", "Accept: text/html\u0085");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("text/html;charset=UTF-8");
        assertThat(answer.body()).contains("Nothing was decided").doesNotContain("secret-token");
    }

    @Test
    void aBrowsersAcceptHoldingAControlCharacterGetsAnErrorPageOrAProblemDocument() throws Exception {
        Answer answer = RawHttp.send(port, "GET", "/requests", "Accept: text/html,\u0085");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isIn("application/problem+json", "text/html;charset=UTF-8");
        assertThat(answer.body()).contains("A header or parameter holds characters");
    }
}
