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
 * Requests the firewall refuses before anyone is asked who they are, sent over a real socket as
 * written: the problem says why, in words of its own, never repeating the path or a value sent.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class FirewallRefusalsTests {

    private static final String ADMIN = "Authorization: Bearer " + Api.ADMIN_TOKEN;

    @LocalServerPort
    int port;

    @Test
    void aPathTheFirewallRefusesSaysWhatAPathMayNotHold() throws Exception {
        for (String path : new String[] {
            "/api/v1/users/../users", "/api/v1/users/%2e%2e/users", "/api/v1/users;x=1", "/api/v1//users"
        }) {
            Answer answer = send("GET", path, ADMIN);

            assertThat(answer.status()).as(path).isEqualTo(400);
            assertThat(answer.contentType()).as(path).isEqualTo("application/problem+json");
            assertThat(answer.json().get("detail").asString())
                    .as(path)
                    .contains("'..'", "';'", "'//'", "nothing was changed")
                    .doesNotContain("users", "x=1");
        }
    }

    @Test
    void aBrowserIsToldWhyTheFirewallRefusedThePathToo() throws Exception {
        Answer answer = send("GET", "/requests;x=1", "Accept: text/html");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("&#39;..&#39; segments").doesNotContain("x=1");
    }

    @Test
    void aDecisionLinkTheFirewallRefusesIsNotRepeated() throws Exception {
        Answer answer = send("GET", "/actions/secret-token;x=1", "Accept: application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().has("instance")).isFalse();
        assertThat(answer.json().get("detail").asString()).contains("';'");
        assertThat(answer.body()).doesNotContain("secret-token");
    }

    @Test
    void aMethodHttpDoesNotDefineIsNamedAndAnsweredWithTheMethodsThePathTakes() throws Exception {
        for (String[] headers : new String[][] {{ADMIN}, {}}) {
            Answer answer = send("FOO", "/api/v1/users", headers);

            assertThat(answer.status()).isEqualTo(405);
            assertThat(answer.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
            assertThat(answer.contentType()).isEqualTo("application/problem+json");
            assertThat(answer.json().get("title").asString()).isEqualTo("Method Not Allowed");
            assertThat(answer.json().get("detail").asString())
                    .startsWith("The method FOO is not one this service takes")
                    .contains("Nothing was changed");
        }
    }

    @Test
    void aMethodThatIsMoreThanAWordIsNotRepeated() throws Exception {
        Answer answer = send("X-SECRET-42", "/api/v1/users", ADMIN);

        assertThat(answer.status()).isEqualTo(405);
        assertThat(answer.json().get("detail").asString()).startsWith("This method is not one");
        assertThat(answer.body()).doesNotContain("SECRET");
    }

    @Test
    void aHeaderTheFirewallRefusesIsNamedAsSuchNotAsThePath() throws Exception {
        Answer answer = send("GET", "/api/v1/users", "Authorization: Bearer cs_\u0085secret");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("detail").asString())
                .startsWith("A header or parameter holds characters")
                .doesNotContain("secret");
    }

    @Test
    void aParameterNameWithAControlCharacterIsInvalidInputOnEveryOperation() throws Exception {
        for (String name : new String[] {"%01", "%0A", "%09", "%7F", "%C2%85", "%EF%BF%BF", "%00"}) {
            for (String[] call : new String[][] {
                {"GET", "/api/v1/users?" + name + "=1"},
                {"GET", "/api/v1/access/check?" + name + "=1&user=admin&resource=db&account=app"},
                {"POST", "/api/v1/requests?" + name + "=1"}
            }) {
                Answer answer = RawHttp.sendBody(port, call[0], call[1], "{}", ADMIN, "Content-Type: application/json");

                assertThat(answer.status()).as(call[1]).isEqualTo(400);
                assertThat(answer.contentType()).as(call[1]).isEqualTo("application/problem+json");
                assertThat(answer.json().get("errors").get(0).get("field").asString())
                        .as(call[1])
                        .isEqualTo("query");
                assertThat(answer.json().get("errors").get(0).get("code").asString())
                        .as(call[1])
                        .isEqualTo("invalid_character");
            }
        }
    }

    private Answer send(String method, String target, String... headers) throws Exception {
        return RawHttp.send(port, method, target, headers);
    }
}
