package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import tools.jackson.databind.JsonNode;

/**
 * The request bodies the OpenAPI description gives against what the service does with them: each
 * body's {@code required} list names exactly the fields whose absence the service refuses, as a
 * generated client or a validator in front of the service would enforce them.
 */
@CountersignTest
class DescribedBodiesTests {

    @Autowired
    Api api;

    /**
     * Sends bodies that leave every field out and compares the fields the refusal names with the
     * described required ones: of the operation's body, or (with a path prefix such as {@code steps[0].})
     * of a part of it, sent empty.
     */
    @Test
    void requiredListsNameExactlyTheFieldsWhoseAbsenceTheServiceRefuses() {
        JsonNode document = api.asAdmin().get("/api/v1/openapi").expect(200).json();
        Scene scene = new Scene();
        List<String> mismatches = new java.util.ArrayList<>();
        for (Missing missing : scene.cases()) {
            JsonNode schema = missing.schema(document);
            Set<String> described = new TreeSet<>(Api.strings(schema.path("required")));
            Set<String> refused =
                    missing.refusedFields(api.asAdmin().call(missing.method(), missing.path(), missing.body()));
            if (!described.equals(refused)) {
                mismatches.add(missing + ": described " + described + ", refused " + refused);
            }
        }
        api.asAdmin().delete("/api/v1/channels/" + scene.channel).expect(204);

        assertThat(mismatches).isEmpty();
    }

    @Test
    void secretsAreWriteOnlyWhereverTheyAreSent() {
        JsonNode schemas =
                api.asAdmin().get("/api/v1/openapi").expect(200).json().at("/components/schemas");

        for (String secret : List.of(
                "/ChatChannelInput/properties/webhookUrl",
                "/ChatChannelReplacement/properties/webhookUrl",
                "/WebhookRequest/properties/secret",
                "/SecretRequest/properties/secret",
                "/PasswordChange/properties/new")) {
            assertThat(schemas.at(secret + "/writeOnly").asBoolean()).as(secret).isTrue();
        }
    }

    /** The objects the bodies are sent to: a user, group, resource, policy, grant, webhook and channel. */
    private final class Scene {

        final String user = Api.unique("body-user");
        final String group = Api.unique("body-group");
        final String resource = Api.unique("body-db");
        final String policy;
        final String grant;
        final String webhook;
        final String channel = Api.unique("body-teams");

        Scene() {
            AccessSetup setup = new AccessSetup(api);
            api.asAdmin()
                    .post("/api/v1/users", Api.json(Map.of("username", user, "email", user + "@example.com")))
                    .expect(201);
            api.asAdmin()
                    .post("/api/v1/groups", Api.json(Map.of("name", group)))
                    .expect(201);
            setup.database(resource, "admin");
            policy = setup.openPolicy(resource);
            grant = api.asAdmin()
                    .post(
                            "/api/v1/requests",
                            Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")))
                    .expect(201)
                    .json()
                    .at("/grant/id")
                    .asString();
            webhook = api.asAdmin()
                    .post(
                            "/api/v1/webhooks",
                            Api.json(Map.of(
                                    "url",
                                    "https://hooks.example.org/countersign",
                                    "events",
                                    List.of("request.approved"),
                                    "secret",
                                    "a-long-enough-signing-secret")))
                    .expect(201)
                    .json()
                    .get("id")
                    .asString();
            api.asAdmin()
                    .post(
                            "/api/v1/channels",
                            Api.json(
                                    Map.of("name", channel, "type", "TEAMS", "webhookUrl", "http://127.0.0.1:9/teams")))
                    .expect(201);
        }

        List<Missing> cases() {
            String parts = Api.json(Map.of("steps", List.of(Map.of()), "extension", Map.of(), "breakGlass", Map.of()));
            String mail = Api.json(Map.of("smtp", Map.of()));
            return List.of(
                    Missing.of(HttpMethod.POST, "/api/v1/users"),
                    Missing.of(HttpMethod.PUT, "/api/v1/users/{username}", "/api/v1/users/" + user),
                    Missing.of(HttpMethod.POST, "/api/v1/users/{username}/tokens", "/api/v1/users/" + user + "/tokens"),
                    Missing.of(
                            HttpMethod.PUT, "/api/v1/users/{username}/password", "/api/v1/users/" + user + "/password"),
                    Missing.of(
                            HttpMethod.POST,
                            "/api/v1/users/{username}/delegations",
                            "/api/v1/users/" + user + "/delegations"),
                    Missing.of(
                            HttpMethod.POST,
                            "/api/v1/users/{username}/chat-links",
                            "/api/v1/users/" + user + "/chat-links"),
                    Missing.of(HttpMethod.POST, "/api/v1/groups"),
                    Missing.of(HttpMethod.PUT, "/api/v1/groups/{name}", "/api/v1/groups/" + group),
                    Missing.of(HttpMethod.POST, "/api/v1/resources"),
                    Missing.of(HttpMethod.PUT, "/api/v1/resources/{name}", "/api/v1/resources/" + resource),
                    Missing.of(HttpMethod.POST, "/api/v1/policies"),
                    Missing.of(HttpMethod.PUT, "/api/v1/policies/{name}", "/api/v1/policies/" + policy),
                    new Missing(HttpMethod.POST, "/api/v1/policies", "/api/v1/policies", parts, "Step", "steps[0]."),
                    new Missing(
                            HttpMethod.POST, "/api/v1/policies", "/api/v1/policies", parts, "Extension", "extension."),
                    new Missing(
                            HttpMethod.POST,
                            "/api/v1/policies",
                            "/api/v1/policies",
                            parts,
                            "BreakGlass",
                            "breakGlass."),
                    Missing.of(HttpMethod.POST, "/api/v1/policies/explain"),
                    Missing.of(HttpMethod.POST, "/api/v1/requests"),
                    Missing.of(HttpMethod.POST, "/api/v1/grants/{id}/extend", "/api/v1/grants/" + grant + "/extend"),
                    Missing.of(HttpMethod.POST, "/api/v1/webhooks"),
                    Missing.of(
                            HttpMethod.POST,
                            "/api/v1/webhooks/{id}/secrets",
                            "/api/v1/webhooks/" + webhook + "/secrets"),
                    Missing.of(HttpMethod.POST, "/api/v1/channels"),
                    Missing.of(HttpMethod.PUT, "/api/v1/channels/{name}", "/api/v1/channels/" + channel),
                    Missing.of(HttpMethod.PUT, "/api/v1/settings/mail"),
                    new Missing(
                            HttpMethod.PUT, "/api/v1/settings/mail", "/api/v1/settings/mail", mail, "Smtp", "smtp."),
                    Missing.of(HttpMethod.POST, "/api/v1/settings/mail/test"),
                    bundlePart("users", "UserInput"),
                    bundlePart("groups", "GroupInput"),
                    bundlePart("resources", "ResourceInput"),
                    bundlePart("policies", "PolicyDefinition"));
        }

        private Missing bundlePart(String section, String schema) {
            return new Missing(
                    HttpMethod.POST,
                    "/api/v1/import",
                    "/api/v1/import?dryRun=true",
                    Api.json(Map.of(section, List.of(Map.of()))),
                    schema,
                    section + "[0].");
        }
    }

    /**
     * A body sent without the fields of {@code schema} (null: the operation's own body schema), whose
     * refusal names them under {@code prefix}.
     */
    private record Missing(HttpMethod method, String template, String path, String body, String schema, String prefix) {

        static Missing of(HttpMethod method, String path) {
            return of(method, path, path);
        }

        static Missing of(HttpMethod method, String template, String path) {
            return new Missing(method, template, path, "{}", null, "");
        }

        JsonNode schema(JsonNode document) {
            String name = schema;
            if (name == null) {
                String ref = document.path("paths")
                        .path(template)
                        .path(method.name().toLowerCase())
                        .at("/requestBody/content/application~1json/schema/$ref")
                        .asString();
                name = ref.substring(ref.lastIndexOf('/') + 1);
            }
            return document.path("components").path("schemas").path(name);
        }

        /** The fields directly under {@code prefix} that the refusal names; none when the body was taken. */
        Set<String> refusedFields(Api.Response answer) {
            Set<String> fields = new TreeSet<>();
            if (answer.status() / 100 == 2) {
                return fields;
            }
            assertThat(answer.status()).as(toString() + " " + answer.body()).isEqualTo(400);
            for (JsonNode issue : answer.json().path("errors")) {
                String field = issue.get("field").asString();
                if (field.startsWith(prefix)) {
                    String rest = field.substring(prefix.length());
                    if (!rest.contains(".") && !rest.contains("[")) {
                        fields.add(rest);
                    }
                }
            }
            return fields;
        }

        @Override
        public String toString() {
            return method + " " + template + (schema == null ? "" : " " + schema + " at " + prefix);
        }
    }
}
