package io.countersign.instances;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.RawHttp;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * With structured logs on, each line is one JSON object carrying the call's id, actor and subject. An
 * instance of its own, called over real HTTP: the logging system is configured once per JVM by the
 * first application, so this one resets it before starting and again when it stops.
 */
@ExtendWith(OutputCaptureExtension.class)
class StructuredLogsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Instance instance;

    @BeforeAll
    static void start() {
        LoggingSystem.get(StructuredLogsTests.class.getClassLoader()).cleanUp();
        String database = "jdbc:h2:mem:cs-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        instance = Instance.start(
                "logs",
                database,
                new MutableClock(),
                "--logging.structured.format.console=ecs",
                // as deployed: what Spring and Tomcat log at INFO must not hold a secret either
                "--logging.level.root=info",
                "--countersign.logging.access-log=true");
    }

    @AfterAll
    static void stop() {
        instance.close();
    }

    @Test
    void aCallsLogLinesCarryItsIdItsActorAndTheRequestItIsAbout(CapturedOutput output) {
        HttpResponse<String> answer = call("/api/v1/requests/req-aaaaaaaaaaaaaaaa", Api.ADMIN_TOKEN, "lb-7f3a-11");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.headers().firstValue("X-Request-Id")).contains("lb-7f3a-11");

        JsonNode line = accessLine(output, "/api/v1/requests/req-aaaaaaaaaaaaaaaa");
        assertThat(field(line, "http.request.id")).isEqualTo("lb-7f3a-11");
        assertThat(field(line, "user.name")).isEqualTo("admin");
        assertThat(field(line, "countersign.request.id")).isEqualTo("req-aaaaaaaaaaaaaaaa");
        assertThat(field(line, "message"))
                .isEqualTo("GET /api/v1/requests/req-aaaaaaaaaaaaaaaa 404 " + millis(line) + "ms");
    }

    @Test
    void aGrantCallCarriesTheGrantIdAndACallWithoutAnIdGetsOneMadeUp(CapturedOutput output) {
        String made = call("/api/v1/grants/grt-bbbbbbbbbbbbbbbb", Api.ADMIN_TOKEN, null)
                .headers()
                .firstValue("X-Request-Id")
                .orElseThrow();

        assertThat(made).matches("[0-9a-f]{24}");
        JsonNode line = accessLine(output, "/api/v1/grants/grt-bbbbbbbbbbbbbbbb");
        assertThat(field(line, "http.request.id")).isEqualTo(made);
        assertThat(field(line, "countersign.grant.id")).isEqualTo("grt-bbbbbbbbbbbbbbbb");
    }

    @Test
    void anAccessCheckAnsweredBeforeTheFilterChainCarriesItsIdAndItsActor(CapturedOutput output) {
        HttpResponse<String> answer =
                call("/api/v1/access/check?user=dev&resource=db&account=root", Api.ADMIN_TOKEN, "lb-check-7");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("X-Request-Id")).contains("lb-check-7");
        JsonNode line = accessLine(output, "/api/v1/access/check");
        assertThat(field(line, "http.request.id")).isEqualTo("lb-check-7");
        assertThat(field(line, "user.name")).isEqualTo("admin");
        assertThat(field(line, "message")).startsWith("GET /api/v1/access/check 200 ");
    }

    @Test
    void aCallRefusedBySecurityAndAnActuatorCallCarryTheirAuthenticatedCaller(CapturedOutput output) {
        String auditor = instance.user("auditor-logged", "AUDITOR");

        assertThat(call("/api/v1/webhooks", auditor, "refused-1").statusCode()).isEqualTo(403);
        assertThat(call("/actuator/env", auditor, "refused-2").statusCode()).isEqualTo(403);
        assertThat(call("/actuator/prometheus", auditor, "scrape-1").statusCode())
                .isEqualTo(200);
        assertThat(call("/actuator/health", Api.ADMIN_TOKEN, "health-1").statusCode())
                .isEqualTo(200);
        assertThat(call("/actuator/health", null, "health-2").statusCode()).isEqualTo(200);

        assertThat(field(accessLine(output, "/api/v1/webhooks", "refused-1"), "user.name"))
                .isEqualTo("auditor-logged");
        assertThat(field(accessLine(output, "/actuator/env", "refused-2"), "user.name"))
                .isEqualTo("auditor-logged");
        assertThat(field(accessLine(output, "/actuator/prometheus", "scrape-1"), "user.name"))
                .isEqualTo("auditor-logged");
        assertThat(field(accessLine(output, "/actuator/health", "health-1"), "user.name"))
                .isEqualTo("admin");
        assertThat(field(accessLine(output, "/actuator/health", "health-2"), "user.name"))
                .isEmpty();
        assertThat(output.getAll()).doesNotContain(auditor);
    }

    @Test
    void anIdThatCouldGarbleTheLogIsReplaced(CapturedOutput output) {
        String answered = call("/api/v1/levels", Api.ADMIN_TOKEN, "a b\"}{")
                .headers()
                .firstValue("X-Request-Id")
                .orElseThrow();

        assertThat(answered).matches("[0-9a-f]{24}");
    }

    @Test
    void noTokenOrPasswordEverReachesTheLog(CapturedOutput output) {
        String forged = "cs_forged-token-that-must-not-be-logged-0123";
        assertThat(call("/api/v1/users", forged, null).statusCode()).isEqualTo(401);
        assertThat(call("/api/v1/users/admin", Api.ADMIN_TOKEN, null).statusCode())
                .isEqualTo(200);

        JsonNode refused = accessLine(output, "/api/v1/users");
        assertThat(field(refused, "message")).startsWith("GET /api/v1/users 401");
        assertThat(output.getAll())
                .doesNotContain(forged)
                .doesNotContain(Api.ADMIN_TOKEN)
                .doesNotContain("test-admin-password");
    }

    @Test
    void aRefusedSignInIsOneLineWithItsReasonAddressAndNameButNeverThePassword(CapturedOutput output) throws Exception {
        HttpClient browser = HttpClient.newBuilder()
                .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .build();
        String form = browser.send(
                        HttpRequest.newBuilder(instance.uri("/login")).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        String password = "a-password-that-must-not-be-logged";

        HttpResponse<String> refused = browser.send(
                HttpRequest.newBuilder(instance.uri("/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Forwarded-For", "203.0.113.45")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf="
                                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8)
                                + "&username=Admin&password=" + password))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.headers().firstValue("Location"))
                .hasValueSatisfying(to -> assertThat(to).endsWith("/login?error"));
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(text -> text.startsWith("{"))
                .map(JSON::readTree)
                .filter(node -> "user.sign_in_failed".equals(field(node, "event.action")))
                .toList();
        assertThat(lines).as(output.getOut()).hasSize(1);
        assertThat(field(lines.get(0), "log.level")).isEqualTo("INFO");
        assertThat(field(lines.get(0), "event.reason")).isEqualTo("wrong_password");
        assertThat(field(lines.get(0), "client.address")).isEqualTo("203.0.113.45");
        assertThat(field(lines.get(0), "countersign.sign_in.username")).isEqualTo("Admin");
        assertThat(output.getAll()).doesNotContain(password);
    }

    @Test
    void aDecisionLinksTokenNeverReachesTheAccessLog(CapturedOutput output) throws Exception {
        String token = "abcdefghijklmnopqrstuvwxyz234567";
        assertThat(call("/actions/" + token, Api.ADMIN_TOKEN, "link-get").statusCode())
                .isEqualTo(404);
        HttpRequest post = HttpRequest.newBuilder(instance.uri("/actions/" + token.toUpperCase()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Request-Id", "link-post")
                .POST(HttpRequest.BodyPublishers.ofString("decision=approve"))
                .build();
        HTTP.send(post, HttpResponse.BodyHandlers.ofString());
        call("/actions;x=1/" + token, null, "link-parameter");
        call("/%61ctions/" + token, null, "link-encoded");
        call("/actions/" + token + "/", null, "link-slash");
        call("/actions/" + token + ";x", null, "link-suffix");
        // a request line Tomcat cannot parse, answered before any filter runs
        int port = instance.uri("/").getPort();
        assertThat(RawHttp.send(port, "GET", "/actions/" + token + "|").status())
                .isEqualTo(400);

        assertThat(field(accessLine(output, "/actions/{token}", "link-get"), "message"))
                .startsWith("GET /actions/{token} 404 ");
        assertThat(field(accessLine(output, "/actions/{token}", "link-post"), "message"))
                .startsWith("POST /actions/{token} ");
        accessLine(output, "/actions/{token}", "link-parameter");
        accessLine(output, "/actions/{token}", "link-encoded");
        accessLine(output, "/actions/{token}", "link-slash");
        accessLine(output, "/actions/{token}", "link-suffix");
        assertThat(output.getAll()).doesNotContainIgnoringCase(token);
    }

    private static HttpResponse<String> call(String path, String token, String callId) {
        HttpRequest.Builder request = HttpRequest.newBuilder(instance.uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (callId != null) {
            request.header("X-Request-Id", callId);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode accessLine(CapturedOutput output, String path) {
        return accessLine(output, path, null);
    }

    private static JsonNode accessLine(CapturedOutput output, String path, String callId) {
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(text -> text.startsWith("{"))
                .map(JSON::readTree)
                .filter(node -> field(node, "message").contains(" " + path + " "))
                .filter(node -> callId == null || callId.equals(field(node, "http.request.id")))
                .toList();
        assertThat(lines)
                .as("access log lines for %s in:%n%s", path, output.getOut())
                .isNotEmpty();
        return lines.get(lines.size() - 1);
    }

    /** A field of an ECS line, whether written flat ("a.b") or nested ({"a":{"b":…}}). */
    private static String field(JsonNode node, String name) {
        if (node.has(name)) {
            return node.get(name).asString();
        }
        JsonNode current = node;
        for (String step : name.split("\\.")) {
            current = current.path(step);
        }
        return current.asString("");
    }

    private static String millis(JsonNode line) {
        String message = field(line, "message");
        return message.substring(message.lastIndexOf(' ') + 1, message.length() - 2);
    }
}
