package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.shared.Role;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document says what the service enforces: the types, bounds and choices of the
 * query parameters, the conditional reads and the roles of every operation. Each rule is checked
 * against a real call, so that the description and the service cannot drift apart.
 */
@CountersignTest
class OpenApiContractTests {

    /** A path variable naming nothing: allowed calls reach the operation and change nothing. */
    private static final String NOTHING = "nothing-here";

    @Autowired
    Api api;

    @Test
    void auditParametersHaveTheTypesTheServiceReads() {
        JsonNode paths = api.asAdmin().get("/api/v1/openapi").expect(200).json().get("paths");

        assertThat(schema(paths, "/api/v1/audit", "limit").get("type").asString())
                .isEqualTo("integer");
        assertThat(schema(paths, "/api/v1/audit/checkpoints", "limit")
                        .get("type")
                        .asString())
                .isEqualTo("integer");
        JsonNode events = schema(paths, "/api/v1/audit/verify", "events");
        assertThat(events.get("type").asString()).isEqualTo("integer");
        assertThat(events.get("minimum").asInt()).isEqualTo(1);
        for (String path : List.of("/api/v1/audit", "/api/v1/audit/export", "/api/v1/requests")) {
            for (String bound : List.of("from", "to")) {
                assertThat(schema(paths, path, bound).get("format").asString())
                        .as(path + " " + bound)
                        .isEqualTo("date-time");
            }
        }
        // what the description says is refused is refused
        assertThat(api.asAdmin().get("/api/v1/audit/verify?events=0&headHash=" + "a".repeat(64)))
                .satisfies(answer -> assertThat(answer.status()).isEqualTo(400));
    }

    @Test
    void choicesAreListedAndRequiredParametersMarked() {
        JsonNode paths = api.asAdmin().get("/api/v1/openapi").expect(200).json().get("paths");

        JsonNode format = parameter(paths, "/api/v1/audit/export", "format");
        assertThat(Api.strings(format.at("/schema/enum"))).containsExactly("csv", "jsonl");
        assertThat(format.get("required").asBoolean()).isTrue();
        assertThat(api.asAdmin().get("/api/v1/audit/export").status()).isEqualTo(400);
        assertThat(Api.strings(schema(paths, "/api/v1/requests", "status").get("enum")))
                .contains("PENDING", "APPROVED", "REJECTED");
        assertThat(Api.strings(schema(paths, "/api/v1/requests", "awaiting").get("enum")))
                .containsExactly("me");
        assertThat(api.asAdmin().get("/api/v1/requests?awaiting=you").status()).isEqualTo(400);
        for (String name : List.of("user", "resource", "account")) {
            assertThat(parameter(paths, "/api/v1/access/check", name)
                            .get("required")
                            .asBoolean())
                    .as(name)
                    .isTrue();
        }
        assertThat(Api.issues(api.asAdmin().get("/api/v1/access/check").expect(400)))
                .hasSize(3);
    }

    @Test
    void everyLimitNamesTheBoundsTheServiceEnforces() {
        JsonNode paths = api.asAdmin().get("/api/v1/openapi").expect(200).json().get("paths");
        Map<String, Integer> expected = new HashMap<>();
        for (String path : List.of(
                "/api/v1/users",
                "/api/v1/groups",
                "/api/v1/resources",
                "/api/v1/policies",
                "/api/v1/webhooks",
                "/api/v1/requests",
                "/api/v1/breakglass",
                "/api/v1/grants")) {
            expected.put(path, 200);
        }
        expected.put("/api/v1/audit", 500);
        expected.put("/api/v1/audit/checkpoints", 500);
        expected.put("/api/v1/notifications/deliveries", 100);
        expected.put("/api/v1/webhooks/{id}/deliveries", 100);
        Map<String, Integer> described = new HashMap<>();
        List<String> refusedWrongly = new ArrayList<>();

        paths.propertyStream().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            if (get == null || get.get("parameters") == null) {
                return;
            }
            get.get("parameters").forEach(parameter -> {
                if (!"limit".equals(parameter.get("name").asString())) {
                    return;
                }
                JsonNode schema = parameter.get("schema");
                assertThat(schema.get("type").asString()).as(path.getKey()).isEqualTo("integer");
                assertThat(schema.get("minimum").asInt()).as(path.getKey()).isEqualTo(1);
                int maximum = schema.get("maximum").asInt();
                described.put(path.getKey(), maximum);
                String address = path.getKey().replaceAll("\\{[^}]+}", NOTHING);
                if (api.asAdmin().get(address + "?limit=" + maximum).status() == 400) {
                    refusedWrongly.add(path.getKey() + " limit=" + maximum);
                }
                for (int beyond : List.of(0, maximum + 1)) {
                    Api.Response refused = api.asAdmin().get(address + "?limit=" + beyond);
                    assertThat(refused.status())
                            .as(path.getKey() + " limit=" + beyond)
                            .isEqualTo(400);
                    assertThat(refused.json().at("/errors/0/field").asString()).isEqualTo("limit");
                }
            });
        });

        assertThat(described).isEqualTo(expected);
        assertThat(refusedWrongly).isEmpty();
    }

    @Test
    void readsThatAnswerAnETagDescribeTheNotModifiedAnswer() {
        JsonNode document = api.asAdmin().get("/api/v1/openapi").expect(200).json();
        JsonNode paths = document.get("paths");
        List<String> tagged = new ArrayList<>();
        paths.propertyStream().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            if (get != null && get.at("/responses/200/headers").has("ETag")) {
                tagged.add(path.getKey());
                assertThat(get.get("parameters").toString()).as(path.getKey()).contains("\"If-None-Match\"");
                String notModified = get.at("/responses/304/$ref").asString();
                assertThat(document.at(notModified.substring(1) + "/headers").has("ETag"))
                        .as(path.getKey())
                        .isTrue();
            }
        });
        assertThat(tagged)
                .contains(
                        "/api/v1/users/{username}",
                        "/api/v1/groups/{name}",
                        "/api/v1/resources/{name}",
                        "/api/v1/policies/{name}",
                        "/api/v1/webhooks/{id}");

        String etag = api.asAdmin().get("/api/v1/users/admin").expect(200).header("ETag");
        Api.Response unchanged = api.asAdmin().call(HttpMethod.GET, "/api/v1/users/admin", null, "If-None-Match", etag);
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.header("ETag")).isEqualTo(etag);
    }

    /**
     * Each operation's {@code x-roles} and description name exactly the roles that reach it: the
     * others are refused with 403 before it runs. Bodies are unreadable and path variables name
     * nothing, so that a call that is let through changes nothing.
     */
    @Test
    void everyOperationNamesExactlyTheRolesThatMayCallIt() {
        Map<Role, Api.Caller> callers = new EnumMap<>(Role.class);
        callers.put(Role.ADMIN, api.asAdmin());
        for (Role role : List.of(Role.AUDITOR, Role.USER, Role.ENFORCER)) {
            callers.put(role, api.as(api.tokenHolder(role.name().toLowerCase(Locale.ROOT), role.name())));
        }
        JsonNode paths = api.asAdmin().get("/api/v1/openapi").expect(200).json().get("paths");
        List<String> violations = new ArrayList<>();

        paths.propertyStream()
                .forEach(path -> path.getValue().propertyStream().forEach(entry -> {
                    JsonNode operation = entry.getValue();
                    String call = entry.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey();
                    if (operation.has("security") && operation.get("security").isEmpty()) {
                        assertThat(operation.has("x-roles")).as(call).isFalse(); // the chat platforms' call-backs
                        return;
                    }
                    List<String> roles = Api.strings(operation.get("x-roles"));
                    assertThat(roles).as(call).isNotEmpty();
                    assertThat(operation.get("description").asString()).as(call).contains(String.join(", ", roles));
                    String address = path.getKey().replaceAll("\\{[^}]+}", NOTHING);
                    HttpMethod method = HttpMethod.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
                    String body = method == HttpMethod.GET || method == HttpMethod.DELETE ? null : "{";
                    callers.forEach((role, caller) -> {
                        Api.Response answer = caller.call(method, address, body);
                        boolean refused = answer.status() == 403
                                && answer.body().contains("Your role may not perform this operation.");
                        if (roles.contains(role.name()) == refused || answer.status() == 401) {
                            violations.add(call + " as " + role + ": " + answer.status() + " " + answer.body());
                        }
                    });
                }));

        assertThat(violations).isEmpty();
    }

    private static JsonNode parameter(JsonNode paths, String path, String name) {
        for (JsonNode operation : paths.get(path)) {
            for (JsonNode parameter : operation.get("parameters")) {
                if (name.equals(parameter.get("name").asString())) {
                    return parameter;
                }
            }
        }
        throw new AssertionError(path + " has no parameter " + name);
    }

    private static JsonNode schema(JsonNode paths, String path, String name) {
        return parameter(paths, path, name).get("schema");
    }
}
