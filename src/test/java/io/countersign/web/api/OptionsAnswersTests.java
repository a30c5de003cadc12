package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.RawHttp.Answer;
import io.countersign.testing.TestClockConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * What {@code OPTIONS} answers on a real server: the methods the path takes, whoever asks how. The
 * service allows no other origin anything, so a browser's CORS preflight gets the answer a plain
 * {@code OPTIONS} gets and nothing that would let another site's page call it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class OptionsAnswersTests {

    private static final String ADMIN = "Authorization: Bearer " + Api.ADMIN_TOKEN;

    /** A path, and the headers that let its OPTIONS be answered at all. */
    private static final Map<String, List<String>> PATHS = Map.of(
            "/chat/slack/ops/interactions", List.of(),
            "/chat/telegram/ops/updates", List.of(),
            "/api/v1/webhooks", List.of(ADMIN),
            "/api/v1/users", List.of(ADMIN),
            "/login", List.of(),
            "/actions/no-such-token", List.of());

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    @Test
    void aPreflightIsAnsweredAsAPlainOptionsIsAndAllowsNoOtherOrigin() throws Exception {
        for (var path : PATHS.entrySet()) {
            Answer plain = options(path.getKey(), path.getValue());
            for (String method : List.of("PUT", "POST", "GET", "DELETE")) {
                String what = method + " preflight to " + path.getKey();
                List<String> headers = new java.util.ArrayList<>(path.getValue());
                headers.add("Origin: https://evil.example");
                headers.add("Access-Control-Request-Method: " + method);
                headers.add("Access-Control-Request-Headers: content-type");

                Answer preflight = options(path.getKey(), headers);

                assertThat(preflight.status()).as(what).isEqualTo(plain.status());
                assertThat(preflight.header("Allow")).as(what).isEqualTo(plain.header("Allow"));
                assertThat(preflight.headers().toLowerCase()).as(what).doesNotContain("access-control-allow");
            }
        }
        assertThat(options("/chat/slack/ops/interactions", List.of()).header("Allow"))
                .isEqualTo("OPTIONS, POST");
    }

    @Test
    void noOptionsAnswerCarriesAnAcceptPatchSinceNoPathTakesPatch() throws Exception {
        for (var path : PATHS.entrySet()) {
            Answer answer = options(path.getKey(), path.getValue());

            assertThat(answer.header("Accept-Patch")).as(path.getKey()).isNull();
        }
        assertThat(options("/api/v1/webhooks", List.of(ADMIN)).status()).isEqualTo(200);
    }

    /**
     * A decision link's address names its methods to anyone, as the link itself needs no sign-in; the
     * answer is the same for a live token and an unknown one, and the token stays unused.
     */
    @Test
    void optionsOnADecisionLinkNamesItsMethodsWithoutUsingOrRevealingTheToken() throws Exception {
        String lead = api.person("lead", "USER", "a long enough password");
        String resource = api.resourceGovernedBy(Map.of(
                "priority",
                10,
                "steps",
                List.of(Map.of("name", "Lead", "requiredApprovals", 1, "approvers", List.of(Map.of("user", lead))))));
        String id = api.ask(
                api.tokenHolder("asker", "USER"), resource, Map.of("duration", "PT1H", "justification", "INC-7"));
        String token = tokens.issue(id, 0, directory.idOf(lead).orElseThrow(), Channel.WEB);

        Answer live = options("/actions/" + token, List.of());
        Answer unknown = options("/actions/" + "a".repeat(32), List.of());

        assertThat(live.status()).isEqualTo(200);
        assertThat(live.header("Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
        assertThat(live.headers()).doesNotContainIgnoringCase(token);
        assertThat(live.body()).doesNotContainIgnoringCase(token);
        assertThat(unknown.status()).isEqualTo(live.status());
        assertThat(unknown.header("Allow")).isEqualTo(live.header("Allow"));
        assertThat(unknown.body()).isEqualTo(live.body());
        assertThat(tokens.peek(token).orElseThrow().used()).isFalse();
        assertThat(api.status(id)).isEqualTo("PENDING");
    }

    private Answer options(String path, List<String> headers) throws Exception {
        return RawHttp.send(port, "OPTIONS", path, headers.toArray(String[]::new));
    }
}
