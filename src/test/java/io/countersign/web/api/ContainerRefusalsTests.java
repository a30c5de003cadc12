package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Requests the container refuses or cannot decode, sent over a real socket as written (an HTTP
 * client would correct or refuse them first): the API answers each with a problem document and a
 * 4xx, never an HTML page or a 500, a browser gets Countersign's error page, and neither names the
 * server software.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class ContainerRefusalsTests {

    @LocalServerPort
    int port;

    @Test
    void anEncodedSlashInAnApiPathIsAProblemDocument() throws Exception {
        Answer answer = get("/api/v1/users/a%2Fb", "Authorization: Bearer " + Api.ADMIN_TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(answer.json().get("title").asString()).isEqualTo("Bad Request");
        assertThat(answer.json().get("detail").asString()).contains("Nothing was changed");
        assertThat(answer.json().get("instance").asString()).isEqualTo("/api/v1/users/a%2Fb");
        assertThat(answer.body()).doesNotContainIgnoringCase("tomcat");
    }

    @Test
    void everyPathTheContainerRefusesIsAProblemDocumentNamingItsPath() throws Exception {
        for (String path : new String[] {"/requests/a%2Fb", "/requests/a%5Cb", "/requests/a%00b"}) {
            Answer answer = get(path, "Accept: application/json");

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
            assertThat(answer.json().get("instance").asString()).as(path).isEqualTo(path);
        }
    }

    @Test
    void aDecisionLinkTheContainerRefusesIsNotRepeatedInTheProblem() throws Exception {
        Answer answer = get("/actions/secret-token%2Fpart", "Accept: application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().has("instance")).isFalse();
        assertThat(answer.body()).doesNotContain("secret-token");
    }

    @Test
    void headersAboveTheLimitAreAProblemDocument() throws Exception {
        Answer answer =
                get("/api/v1/requests", "Authorization: Bearer " + Api.ADMIN_TOKEN, "X-Padding: " + "a".repeat(20_000));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("detail").asString()).contains("headers are larger");
    }

    @Test
    void aBrowserAskingForAPathTheContainerRefusesGetsCountersignsErrorPage() throws Exception {
        for (String path : new String[] {"/requests/a%2Fb", "/requests/a%5Cb", "/requests/a%00b"}) {
            Answer answer = get(path, "Accept: text/html,application/xhtml+xml");

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).startsWith("text/html");
            assertThat(answer.body())
                    .as(path)
                    .contains("<title>Bad Request - Countersign</title>", "Nothing was changed", "Back to Countersign")
                    .doesNotContain("HTTP Status")
                    .doesNotContainIgnoringCase("tomcat");
        }
    }

    @Test
    void aBrowsersPageForAPathTheContainerRefusesLooksLikeTheFirewallsRefusal() throws Exception {
        Answer container = get("/requests/a%2Fb", "Accept: text/html");
        Answer firewall = get("/requests/a;jsessionid=1", "Accept: text/html");

        assertThat(container.status()).isEqualTo(firewall.status());
        assertThat(headOf(container.body())).isEqualTo(headOf(firewall.body()));
    }

    @Test
    void aPathTheContainerRefusesComesWithTheHeadersEveryPageCarries() throws Exception {
        for (String path : new String[] {"/requests/a%2Fb", "/requests/a%5Cb", "/requests/a%00b"}) {
            Answer answer = get(path, "Accept: text/html,application/xhtml+xml");

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
            assertThat(answer.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(answer.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
            assertThat(answer.header("Cache-Control")).as(path).contains("no-store");
        }
    }

    @Test
    void aQueryThatCannotBeDecodedIsRefusedAsInvalidInput() throws Exception {
        Answer answer = get("/api/v1/requests?status=PENDING&x=%zz", "Authorization: Bearer " + Api.ADMIN_TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("errors").get(0).get("code").asString()).isEqualTo("unreadable_query");
    }

    @Test
    void aQueryWithMoreParametersThanTheServerAcceptsIsRefusedAsAWhole() throws Exception {
        StringBuilder query = new StringBuilder("/api/v1/requests?status=PENDING");
        // 1,001 in all, short enough that the request line stays within the header size limit
        query.append("&a=1".repeat(1_000));
        Answer answer = get(query.toString(), "Authorization: Bearer " + Api.ADMIN_TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("code").asString()).isEqualTo("unreadable_query");
    }

    @Test
    void theAccessCheckRefusesAnUndecodableQueryEvenWhenItsOwnParametersDecode() throws Exception {
        // Tomcat throws on the first read only: the lean path's read must not leave a later one a partial query
        Answer answer = get(
                "/api/v1/access/check?user=admin&resource=db&account=ro&x=%zz",
                "Authorization: Bearer " + Api.ADMIN_TOKEN);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("errors").get(0).get("code").asString()).isEqualTo("unreadable_query");
        assertThat(answer.body()).doesNotContain("\"allowed\"");
    }

    @Test
    void aMethodTheContainerRefusesIsAProblemDocumentToo() throws Exception {
        Answer answer = send("TRACE", "/api/v1/requests", "Authorization: Bearer " + Api.ADMIN_TOKEN);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("title").asString()).isEqualTo("Method Not Allowed");
        assertThat(answer.json().get("status").asInt()).isEqualTo(405);
        assertThat(answer.json().get("detail").asString()).contains("nothing was changed");
        assertThat(answer.json().has("timestamp")).isFalse();
    }

    @Test
    void traceIsRefusedWithoutATokenTooNamingTheMethodsThePathTakes() throws Exception {
        Answer answer = send("TRACE", "/api/v1/requests");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("about:blank");
        assertThat(answer.json().get("instance").asString()).isEqualTo("/api/v1/requests");
        assertThat(answer.body()).doesNotContainIgnoringCase("tomcat");
    }

    @Test
    void traceOnAHealthProbeNamesTheMethodsItTakes() throws Exception {
        for (String path : new String[] {"/actuator/health", "/actuator/health/liveness"}) {
            Answer answer = send("TRACE", path);

            assertThat(answer.status()).as(path).isEqualTo(405);
            assertThat(answer.header("Allow")).as(path).isEqualTo("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void traceOnAPathNothingServesAllowsNoMethod() throws Exception {
        Answer answer = send("TRACE", "/api/v1/internals");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEmpty();
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void traceOnAPageIsCountersignsErrorPageNamingThePagesMethods() throws Exception {
        Answer answer = send("TRACE", "/requests/new", "Accept: text/html");

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(answer.body())
                .contains("<title>Method Not Allowed - Countersign</title>")
                .doesNotContainIgnoringCase("tomcat");
    }

    @Test
    void aPathTheFirewallRefusesIsAProblemDocumentWhateverTheCallerAccepts() throws Exception {
        for (String path : new String[] {"/api/v1/users/admin;x=1", "//api/v1/users", "/api/v1/%2e%2e/api/v1/users"}) {
            for (String accept : new String[] {"Accept: application/json", "Accept: */*"}) {
                Answer answer = get(path, "Authorization: Bearer " + Api.ADMIN_TOKEN, accept);

                assertThat(answer.status()).as(path).isEqualTo(400);
                assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
                assertThat(answer.json().get("status").asInt()).as(path).isEqualTo(400);
            }
        }
    }

    @Test
    void anAnonymousCallerWithAnUndecodableQueryIsAskedToAuthenticateFirst() throws Exception {
        assertThat(get("/api/v1/requests?x=%zz").status()).isEqualTo(401);
        assertThat(get("/api/v1/access/check?user=%zz").status()).isEqualTo(401);
    }

    private static String headOf(String page) {
        return page.substring(0, page.indexOf("</head>")).replaceAll("\\s+", " ");
    }

    private Answer get(String target, String... headers) throws Exception {
        return send("GET", target, headers);
    }

    private Answer send(String method, String target, String... headers) throws Exception {
        return RawHttp.send(port, method, target, headers);
    }
}
