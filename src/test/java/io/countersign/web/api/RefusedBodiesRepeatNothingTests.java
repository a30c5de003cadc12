package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * A refused body is answered with where and why, never with what it held: a password sent without
 * quotes or pasted into the wrong field is not shown back. And a body is UTF-8 text, whatever its
 * bytes could otherwise be decoded as.
 */
@CountersignTest
class RefusedBodiesRepeatNothingTests extends ContainmentTestBase {

    private static final String SECRET = "SuperSecretPassw0rd";

    @Test
    void aSecretSentWithoutQuotesIsNotRepeatedButItsPositionIsGiven() {
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("PUT /api/v1/users/" + scene.lisa + "/password", "{\"current\":\"x\",\"new\": " + SECRET + "}");
        calls.put(
                "POST /api/v1/users",
                "{\"username\":\"" + Api.unique("u") + "\",\"email\":\"u@example.com\",\"password\":" + SECRET + "}");
        calls.put("PUT /api/v1/settings/mail", "{\"smtp\":{\"password\":" + SECRET + "}}");
        calls.put("POST /api/v1/webhooks", "{\"url\":\"https://hooks.example.com/x\",\"secret\":" + SECRET + "}");
        calls.forEach((call, body) -> {
            String[] parts = call.split(" ", 2);
            var answer = api.asAdmin().call(HttpMethod.valueOf(parts[0]), parts[1], body);

            assertThat(issues(answer.expect(400))).as(call).containsExactly("body:malformed_json");
            assertThat(answer.json().get("detail").asString())
                    .as(call)
                    .startsWith("body: the request body is not well-formed JSON at line 1, column ")
                    .endsWith("a word that is not a JSON value; text goes in double quotes");
            assertThat(answer.body()).as(call).doesNotContain(SECRET);
        });
        var bundle = importJson("{\"users\":[{\"username\":\"x\",\"password\":" + SECRET + "}]}");
        assertThat(issues(bundle.expect(400))).containsExactly("body:malformed_bundle");
        assertThat(bundle.json().get("detail").asString()).contains("at line 1, column ");
        assertThat(bundle.body()).doesNotContain(SECRET);
        nothingChanged();
    }

    @Test
    void aNameOfNoKnownKindIsRefusedWithTheKindsNotWithTheNameSent() {
        var resource = api.asAdmin()
                .post(
                        "/api/v1/resources",
                        Api.json(Map.of(
                                "name", Api.unique("db"), "type", "cs_SECRETTOKEN", "accounts", List.of("admin"))));
        var webhook = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(Map.of(
                                "url",
                                "https://hooks.example.com/x",
                                "events",
                                List.of("cs_secretvalue"),
                                "secret",
                                "0123456789abcdef0123")));
        var policy = api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("p"),
                                "conditions",
                                Map.of("resourceName", "x", "resourceTypes", List.of("cs_secretpolicy")),
                                "steps",
                                List.of(Map.of("approvers", Map.of("group", scene.group))))));

        assertThat(issues(resource.expect(400))).contains("type:unknown_type");
        assertThat(issues(webhook.expect(400))).contains("events[0]:unknown_event");
        assertThat(issues(policy.expect(400))).contains("conditions.resourceTypes[0]:unknown_type");
        assertThat(resource.body()).contains("is not a resource type; use one of ");
        assertThat(resource.body() + webhook.body() + policy.body()).doesNotContainIgnoringCase("cs_secret");
        nothingChanged();
    }

    @Test
    void overlongUtf8IsRefusedRatherThanDecodedIntoMarkup() throws Exception {
        byte[] body = bytes(
                "{\"username\":\"" + Api.unique("u") + "\",\"email\":\"u@example.com\",\"displayName\":\"",
                new byte[] {(byte) 0xc0, (byte) 0xbc},
                "script",
                new byte[] {(byte) 0xc0, (byte) 0xbe},
                "\"}");
        byte[] bundle = bytes(
                "{\"users\":[{\"username\":\"x\",\"displayName\":\"", new byte[] {(byte) 0xc1, (byte) 0xb1}, "\"}]}");
        byte[] yamlBundle =
                bytes("users:\n  - {username: x, displayName: \"", new byte[] {(byte) 0xc0, (byte) 0xbc}, "\"}\n");

        assertThat(send("/api/v1/users", "application/json", body, 400))
                .contains("\"detail\":\"body: the request body is not valid UTF-8: send it encoded as UTF-8\"");
        assertThat(send("/api/v1/import?dryRun=true", "application/json", bundle, 400))
                .contains("\"detail\":\"body: is not valid UTF-8: save the bundle as UTF-8 and send it again\"");
        assertThat(send("/api/v1/import?dryRun=true", "application/yaml", yamlBundle, 400))
                .contains("\"detail\":\"body: is not valid UTF-8: save the bundle as UTF-8 and send it again\"");
        nothingChanged();
    }

    @Test
    void aBodyInAnotherCharsetIsRefusedWhetherDeclaredOrNot() throws Exception {
        String user =
                "{\"username\":\"" + Api.unique("u") + "\",\"email\":\"u@example.com\",\"displayName\":\"Ren\u00e9\"}";
        byte[] latin1 = user.getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = user.getBytes(StandardCharsets.UTF_16LE);

        assertThat(send("/api/v1/users", "application/json; charset=ISO-8859-1", latin1, 415))
                .contains("must be UTF-8");
        assertThat(send("/api/v1/users", "application/json; charset=UTF-16LE", utf16, 415))
                .contains("must be UTF-8");
        assertThat(send("/api/v1/import", "application/yaml; charset=ISO-8859-1", latin1, 415))
                .contains("must be UTF-8");
        assertThat(send("/api/v1/users", "application/json", utf16, 400)).contains("is not valid UTF-8");
        nothingChanged();
    }

    @Test
    void contentAfterTheJsonValueIsSaidToBeSo() {
        var answer = api.asAdmin()
                .post(
                        "/api/v1/users",
                        "{\"username\":\"" + Api.unique("u") + "\",\"email\":\"u@example.com\"} {\"a\":1}");

        assertThat(issues(answer.expect(400))).containsExactly("body:malformed_json");
        assertThat(answer.json().get("detail").asString())
                .isEqualTo("body: the request body holds more after its JSON value; send one value");
        nothingChanged();
    }

    @Test
    void theImportNamesEveryTypeItTakes() throws Exception {
        assertThat(send("/api/v1/import", "text/plain", "users: []".getBytes(StandardCharsets.UTF_8), 415))
                .contains("takes a body of Content-Type application/json, application/yaml or application/x-yaml");
    }

    private static byte[] bytes(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            out.writeBytes(part instanceof byte[] raw ? raw : part.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    private String send(String path, String type, byte[] body, int status) throws Exception {
        MockHttpServletResponse answer = mvc.perform(MockMvcRequestBuilders.post(path)
                        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                        .contentType(type)
                        .content(body))
                .andReturn()
                .getResponse();
        String text = answer.getContentAsString(StandardCharsets.UTF_8);
        assertThat(answer.getStatus()).as(path + " " + type + " " + text).isEqualTo(status);
        return text;
    }
}
