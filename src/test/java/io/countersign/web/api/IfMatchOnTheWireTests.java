package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * {@code If-Match} and {@code If-None-Match} as a client may really send them, over a socket as
 * written (an HTTP client refuses some of these values): whatever the value, the answer is a problem
 * document that is never a failure of the service's, and the object is left as it was.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class IfMatchOnTheWireTests extends ConfigurationObjectsTestBase {

    private static final String ADMIN = "Authorization: Bearer " + Api.ADMIN_TOKEN;
    private static final String JSON = "Content-Type: application/json";

    /** Bytes 0x80 to 0x9F, which Tomcat passes on as the C1 control characters U+0080 to U+009F. */
    private static final String C1 = "\"1-\u0085\"";

    @LocalServerPort
    int port;

    @ParameterizedTest
    @ValueSource(strings = {"users", "groups", "resources", "policies", "webhooks"})
    void anIfMatchHoldingAControlCharacterIsRefusedWith400AndChangesNothing(String kind) throws Exception {
        String path = "/api/v1/" + kind + "/" + create(kind, Api.unique("c1" + kind.charAt(0)));
        Answer read = RawHttp.send(port, "GET", path, ADMIN);
        // a webhook's version moves when a secret is added, its replacement by PUT is not offered
        String[] change =
                kind.equals("webhooks") ? new String[] {"POST", path + "/secrets"} : new String[] {"PUT", path};
        String body = kind.equals("webhooks") ? Api.json(Map.of("secret", SECRET.toUpperCase())) : read.body();

        for (String[] call : new String[][] {change, {"DELETE", path}}) {
            Answer answer = RawHttp.sendBody(port, call[0], call[1], body, ADMIN, JSON, "If-Match: " + C1);

            assertThat(answer.status()).as(call[0]).isEqualTo(400);
            assertThat(answer.contentType()).as(call[0]).isEqualTo("application/problem+json");
            assertThat(answer.json().get("detail").asString())
                    .as(call[0])
                    .startsWith("A header or parameter holds characters")
                    .contains("nothing was changed");
        }
        Answer after = RawHttp.send(port, "GET", path, ADMIN);
        assertThat(after.status()).isEqualTo(200);
        assertThat(after.header("ETag")).isEqualTo(read.header("ETag"));
        assertThat(after.body()).isEqualTo(read.body());
    }

    @Test
    void anIfMatchHoldingAControlCharacterOnAnObjectWithoutVersionsIsRefusedWith400() throws Exception {
        String user = create("users", Api.unique("c1tok"));

        Answer answer = RawHttp.sendBody(
                port,
                "POST",
                "/api/v1/users/" + user + "/tokens",
                Api.json(Map.of("name", "t")),
                ADMIN,
                JSON,
                "If-Match: " + C1);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(RawHttp.send(port, "GET", "/api/v1/users/" + user + "/tokens", ADMIN)
                        .json())
                .isEmpty();
    }

    @Test
    void anIfNoneMatchHoldingAControlCharacterIsRefusedWith400() throws Exception {
        String path = "/api/v1/groups/" + create("groups", Api.unique("c1get"));

        Answer answer = RawHttp.send(port, "GET", path, ADMIN, "If-None-Match: " + C1);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).doesNotContain("\u0085");
    }

    @Test
    void aBrowserSendingSuchAnIfMatchGetsTheErrorPage() throws Exception {
        String path = "/api/v1/groups/" + create("groups", Api.unique("c1page"));

        Answer answer = RawHttp.send(port, "DELETE", path, ADMIN, "Accept: text/html", "If-Match: " + C1);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("text/html");
        assertThat(RawHttp.send(port, "GET", path, ADMIN).status()).isEqualTo(200);
    }

    /** Tags that are not the current one, strong or weak, alone or in a list: 412, and nothing changed. */
    @ParameterizedTest
    @ValueSource(strings = {"\"abc\"", "W/\"abc\"", "\"a\", W/\"b\""})
    void anIfMatchThatNamesNoCurrentTagIs412(String value) throws Exception {
        String path = "/api/v1/resources/" + create("resources", Api.unique("tagvalue"));
        Answer read = RawHttp.send(port, "GET", path, ADMIN);

        Answer answer = RawHttp.sendBody(port, "PUT", path, read.body(), ADMIN, JSON, "If-Match: " + value);

        assertThat(answer.status()).as(value).isEqualTo(412);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(RawHttp.send(port, "GET", path, ADMIN).header("ETag")).isEqualTo(read.header("ETag"));
    }

    /**
     * A value that is no list of quoted tags is refused as unreadable: 400 on If-Match, and nothing
     * changed. Obs-text (Latin-1 letters) is a value the firewall lets through.
     */
    @ParameterizedTest
    @ValueSource(strings = {"abc", "W/", "\"", ",,,", "caf\u00e9", "a\tb"})
    void anIfMatchThatIsNoTagIs400(String value) throws Exception {
        String path = "/api/v1/resources/" + create("resources", Api.unique("tagvalue"));
        Answer read = RawHttp.send(port, "GET", path, ADMIN);

        Answer answer = RawHttp.sendBody(port, "PUT", path, read.body(), ADMIN, JSON, "If-Match: " + value);

        assertThat(answer.status()).as(value).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).as(value).contains("If-Match");
        assertThat(RawHttp.send(port, "GET", path, ADMIN).header("ETag")).isEqualTo(read.header("ETag"));
    }

    /**
     * An empty If-Match, what a script sends when the variable meant to hold the tag is unset, names
     * no version: it is refused as unreadable rather than taken for no condition, so the change it
     * carries is not written over whatever another administrator saved meanwhile.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void anEmptyIfMatchIs400AndChangesNothing(String value) throws Exception {
        String path = "/api/v1/policies/" + create("policies", Api.unique("emptytag"));
        Answer read = RawHttp.send(port, "GET", path, ADMIN);
        String changed = read.body().replace("\"priority\":10", "\"priority\":7");
        assertThat(changed).isNotEqualTo(read.body());

        Answer answer = RawHttp.sendBody(port, "PUT", path, changed, ADMIN, JSON, "If-Match: " + value);

        assertThat(answer.status()).as("'%s'", value).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("If-Match");
        Answer after = RawHttp.send(port, "GET", path, ADMIN);
        assertThat(after.header("ETag")).isEqualTo(read.header("ETag"));
        assertThat(after.body()).isEqualTo(read.body());
    }

    /** Two If-Match lines are one list (RFC 9110, 5.3): the write holds when either names the tag. */
    @Test
    void theCurrentTagInASecondIfMatchLineHolds() throws Exception {
        String path = "/api/v1/resources/" + create("resources", Api.unique("twolines"));
        Answer read = RawHttp.send(port, "GET", path, ADMIN);

        Answer answer = RawHttp.sendBody(
                port, "PUT", path, read.body(), ADMIN, JSON, "If-Match: \"0-0\"", "If-Match: " + read.header("ETag"));

        assertThat(answer.status()).isEqualTo(200);
    }
}
