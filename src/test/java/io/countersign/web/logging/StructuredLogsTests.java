package io.countersign.web.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** With structured logs on, each line is one JSON object carrying the call's id, actor and subject. */
@CountersignTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.structured.format.console=ecs", "countersign.logging.access-log=true"})
class StructuredLogsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    @Test
    void aCallsLogLinesCarryItsIdItsActorAndTheRequestItIsAbout(CapturedOutput output) {
        MockHttpServletResponse answer = call("/api/v1/requests/req-aaaaaaaaaaaaaaaa", Api.ADMIN_TOKEN, "lb-7f3a-11");

        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(answer.getHeader("X-Request-Id")).isEqualTo("lb-7f3a-11");

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
                .getHeader("X-Request-Id");

        assertThat(made).matches("[0-9a-f]{24}");
        JsonNode line = accessLine(output, "/api/v1/grants/grt-bbbbbbbbbbbbbbbb");
        assertThat(field(line, "http.request.id")).isEqualTo(made);
        assertThat(field(line, "countersign.grant.id")).isEqualTo("grt-bbbbbbbbbbbbbbbb");
    }

    @Test
    void anIdThatCouldGarbleTheLogIsReplaced(CapturedOutput output) {
        String answered = call("/api/v1/levels", Api.ADMIN_TOKEN, "a b\"}{").getHeader("X-Request-Id");

        assertThat(answered).matches("[0-9a-f]{24}");
    }

    @Test
    void noTokenOrPasswordEverReachesTheLog(CapturedOutput output) {
        String forged = "cs_forged-token-that-must-not-be-logged-0123";
        assertThat(call("/api/v1/users", forged, null).getStatus()).isEqualTo(401);
        assertThat(call("/api/v1/users/admin", Api.ADMIN_TOKEN, null).getStatus())
                .isEqualTo(200);

        JsonNode refused = accessLine(output, "/api/v1/users");
        assertThat(field(refused, "message")).startsWith("GET /api/v1/users 401");
        assertThat(output.getAll())
                .doesNotContain(forged)
                .doesNotContain(Api.ADMIN_TOKEN)
                .doesNotContain("test-admin-password");
    }

    private MockHttpServletResponse call(String path, String token, String callId) {
        try {
            var request = get(path).header("Authorization", "Bearer " + token);
            if (callId != null) {
                request.header("X-Request-Id", callId);
            }
            return mvc.perform(request).andReturn().getResponse();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode accessLine(CapturedOutput output, String path) {
        List<JsonNode> lines = output.getOut()
                .lines()
                .filter(text -> text.startsWith("{"))
                .map(JSON::readTree)
                .filter(node -> field(node, "message").contains(" " + path + " "))
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
