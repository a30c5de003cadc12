package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.servlet.mvc.method.annotation.HttpEntityMethodProcessor;
import org.springframework.web.servlet.mvc.method.annotation.RequestResponseBodyMethodProcessor;

/**
 * An operator who turns Spring's web logging up to trace to follow a call sees the bodies' text, never
 * a password, token or secret in them (README, Logs).
 */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsInDebugLogsTests {

    private static final String WEB = "org.springframework.web";

    private static final String SECURITY = "org.springframework.security";

    private static final String TEST_DISPATCHER = "org.springframework.test.web.servlet";

    /** Where Spring MVC writes the bodies it reads and writes, held at info unless an operator insists. */
    private static final String BODIES = "org.springframework.web.servlet.mvc.method.annotation";

    @Autowired
    Api api;

    private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

    @BeforeEach
    void traceTheWebLayer() {
        logging.setLogLevel(WEB, LogLevel.TRACE);
    }

    @AfterEach
    void quietTheWebLayerAgain() {
        logging.setLogLevel(WEB, null);
        logging.setLogLevel(SECURITY, null);
        logging.setLogLevel(TEST_DISPATCHER, null);
        logging.setLogLevel(BODIES, LogLevel.INFO);
    }

    @Test
    void aCallsQueryAndADecisionLinksTokenStayOutOfTheTracedRequestLines(CapturedOutput output) {
        logging.setLogLevel(SECURITY, LogLevel.TRACE);
        // the dispatcher servlet of these tests logs under its own class's name
        logging.setLogLevel(TEST_DISPATCHER, LogLevel.TRACE);
        String token = "DecisionLinkToken" + Api.unique("x").replace("-", "");
        String query = "QuerySecret" + Api.unique("q").replace("-", "");

        api.asAdmin().get("/api/v1/users?x=" + query);
        api.anonymous().get("/actions/" + token);
        api.anonymous().get("/ACTIONS/" + token + "2?again=" + query);

        assertThat(output.getAll())
                .as("the request lines are still written, without what they must not tell")
                .contains("GET \"/api/v1/users\"")
                .contains("Securing GET /actions/{token}")
                .doesNotContain(token)
                .doesNotContain(query);
    }

    @Test
    void theWebLayerTracedLogsNoBodyAtAll(CapturedOutput output) {
        String user = api.person("unlogged", "USER", "FirstPassword-0a1b2c");

        api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "unlogged")))
                .expect(201);

        assertThat(LoggerFactory.getLogger(WEB + ".servlet.DispatcherServlet").isTraceEnabled())
                .isTrue();
        assertThat(LoggerFactory.getLogger(RequestResponseBodyMethodProcessor.class)
                        .isDebugEnabled())
                .isFalse();
        assertThat(LoggerFactory.getLogger(HttpEntityMethodProcessor.class).isDebugEnabled())
                .isFalse();
        assertThat(output.getAll()).doesNotContain("Writing [").doesNotContain("Read \"application/json");
    }

    @Test
    void aPasswordChangeAWebhookAndAnIssuedTokenLeaveNoSecretInTheLog(CapturedOutput output) {
        // an operator who asks for the bodies too gets them without their secrets
        logging.setLogLevel(BODIES, LogLevel.TRACE);
        String first = "FirstPassword-4f1e9a";
        String second = "SecondPassword-8b2c7d";
        String user = api.person("logged", "USER", first);
        api.asAdmin()
                .put("/api/v1/users/" + user + "/password", Api.json(Map.of("current", first, "new", second)))
                .expect(204);
        String secret = "WebhookSigningSecret-3d5e6f";
        api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(Map.of(
                                "url",
                                "https://hooks.example.org/" + Api.unique("logged"),
                                "events",
                                List.of("request.created"),
                                "secret",
                                secret)))
                .expect(201);
        String token = api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "logged")))
                .expect(201)
                .json()
                .get("token")
                .asString();

        assertThat(output.getAll())
                .as("the bodies were logged, by their text")
                .contains("PasswordChange[current=<redacted>, replacement=<redacted>]")
                .contains("secret=<redacted>")
                .contains("token=<redacted>")
                .doesNotContain(first)
                .doesNotContain(second)
                .doesNotContain(secret)
                .doesNotContain(token)
                .doesNotContain(token.substring(0, 12));
    }
}
