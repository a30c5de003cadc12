package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The headers the OpenAPI description gives each answer against the answers themselves: a header
 * the service sends is described for that operation and status, and one described as required is sent.
 */
@CountersignTest
class DescribedHeadersTests {

    private static final List<String> HEADERS =
            List.of("Location", "ETag", "Retry-After", "Idempotent-Replayed", "Content-Disposition");

    @Autowired
    Api api;

    private JsonNode document;
    private final List<String> mismatches = new ArrayList<>();

    @Test
    void answersCarryTheHeadersDescribedForThem() {
        document = api.asAdmin().get("/api/v1/openapi").expect(200).json();
        String user = Api.unique("headers");
        String users = "/api/v1/users/" + user;
        String group = Api.unique("headers");
        String resource = Api.unique("headers-db");

        check("POST /api/v1/users", post("/api/v1/users", Map.of("username", user, "email", user + "@example.com")));
        check("GET /api/v1/users/{username}", api.asAdmin().get(users));
        check(
                "PUT /api/v1/users/{username}",
                api.asAdmin().put(users, Api.json(Map.of("email", user + "@example.org"))));
        check("GET /api/v1/users", api.asAdmin().get("/api/v1/users"));
        check("POST /api/v1/users/{username}/tokens", post(users + "/tokens", Map.of("name", "t")));
        check("POST /api/v1/users/{username}/chat-links", post(users + "/chat-links", Map.of("type", "TELEGRAM")));
        check("POST /api/v1/groups", post("/api/v1/groups", Map.of("name", group)));
        check("GET /api/v1/groups/{name}", api.asAdmin().get("/api/v1/groups/" + group));
        check(
                "POST /api/v1/resources",
                post("/api/v1/resources", Map.of("name", resource, "type", "database", "accounts", List.of("admin"))));
        String policy = new AccessSetup(api).openPolicy(resource);
        check("GET /api/v1/policies/{name}", api.asAdmin().get("/api/v1/policies/" + policy));

        String key = Api.unique("create");
        String ask = Api.json(Map.of("resource", resource, "account", "admin"));
        var created = api.asAdmin().call(HttpMethod.POST, "/api/v1/requests", ask, "Idempotency-Key", key);
        check("POST /api/v1/requests", created);
        var replayed = api.asAdmin().call(HttpMethod.POST, "/api/v1/requests", ask, "Idempotency-Key", key);
        check("POST /api/v1/requests", replayed);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        String revoke = "/api/v1/grants/" + created.json().at("/grant/id").asString() + "/revoke";
        String revokeKey = Api.unique("revoke");
        check(
                "POST /api/v1/grants/{id}/revoke",
                api.asAdmin().call(HttpMethod.POST, revoke, "{}", "Idempotency-Key", revokeKey));
        check(
                "POST /api/v1/grants/{id}/revoke",
                api.asAdmin().call(HttpMethod.POST, revoke, "{}", "Idempotency-Key", revokeKey));

        var webhook = post(
                "/api/v1/webhooks",
                Map.of(
                        "url",
                        "https://hooks.example.org/in",
                        "events",
                        List.of("grant.revoked"),
                        "secret",
                        "sixteen-characters-at-least"));
        check("POST /api/v1/webhooks", webhook);
        String secrets = "/api/v1/webhooks/" + webhook.json().get("id").asString() + "/secrets";
        check("POST /api/v1/webhooks/{id}/secrets", post(secrets, Map.of("secret", "another-sixteen-characters")));
        check("DELETE /api/v1/webhooks/{id}/secrets/{number}", api.asAdmin().delete(secrets + "/1"));

        check("GET /api/v1/export", api.asAdmin().get("/api/v1/export"));
        check("GET /api/v1/audit/export", api.asAdmin().get("/api/v1/audit/export?format=jsonl&actor=nobody"));

        assertThat(mismatches).isEmpty();
    }

    private Api.Response post(String path, Map<String, ?> body) {
        return api.asAdmin().post(path, Api.json(body));
    }

    /** Compares the answer's headers with those described for {@code operation} ("METHOD /path") and its status. */
    private void check(String operation, Api.Response answer) {
        String[] parts = operation.split(" ");
        JsonNode described = resolve(document.path("paths")
                .path(parts[1])
                .path(parts[0].toLowerCase())
                .path("responses")
                .path(String.valueOf(answer.status())));
        if (described.isMissingNode()) {
            mismatches.add(operation + " describes no " + answer.status());
            return;
        }
        for (String header : HEADERS) {
            JsonNode description = resolve(described.path("headers").path(header));
            boolean sent = answer.header(header) != null;
            if (sent && description.isMissingNode()) {
                mismatches.add(operation + " " + answer.status() + " sends " + header + ", not described");
            }
            if (!sent && description.path("required").asBoolean(false)) {
                mismatches.add(operation + " " + answer.status() + " describes " + header + " as required, not sent");
            }
        }
    }

    private JsonNode resolve(JsonNode node) {
        if (node.has("$ref")) {
            String[] path = node.get("$ref").asString().substring(2).split("/");
            JsonNode target = document;
            for (String part : path) {
                target = target.path(part);
            }
            return target;
        }
        return node;
    }
}
