package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The served OpenAPI document: who may read it, a copy in {@code target/openapi.json} for the
 * Redocly lint that CI runs on it, and that it describes what the service really answers and takes.
 */
@CountersignTest
class OpenApiDocumentTests {

    @Autowired
    Api api;

    @Test
    void theDocumentIsServedToAnyTokenHolderAndWrittenForTheLint() throws Exception {
        var answer = api.asAdmin().get("/api/v1/openapi").expect(200);

        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), answer.body());
        assertThat(answer.json().get("openapi").asString()).startsWith("3.");
    }

    @Test
    void realAnswersMatchTheSchemasDescribedForThem() {
        DescribedAnswers described = new DescribedAnswers(document());
        AccessSetup setup = new AccessSetup(api);
        String resource = Api.unique("db");
        setup.database(resource, "admin");
        String policy = setup.openPolicy(resource);
        List<String> problems = new ArrayList<>();

        // granted at once: a request with a grant, and no ticket, review or closing time
        var created = api.asAdmin()
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT1H")))
                .expect(201);
        problems.addAll(described.problems("POST", "/api/v1/requests", 201, created.json()));
        String id = created.json().get("id").asString();
        check(described, problems, "/api/v1/requests/{id}", "/api/v1/requests/" + id);
        check(described, problems, "/api/v1/requests", "/api/v1/requests?limit=100");
        check(described, problems, "/api/v1/grants", "/api/v1/grants?limit=100");
        check(described, problems, "/api/v1/users/{username}", "/api/v1/users/admin");
        check(described, problems, "/api/v1/policies/{name}", "/api/v1/policies/" + policy);
        check(
                described,
                problems,
                "/api/v1/access/check",
                "/api/v1/access/check?user=admin&resource=" + resource + "&account=nobody");
        var explained = api.asAdmin()
                .post("/api/v1/policies/explain", Api.json(Map.of("resource", resource, "account", "admin")))
                .expect(200);
        problems.addAll(described.problems("POST", "/api/v1/policies/explain", 200, explained.json()));

        assertThat(problems).isEmpty();
    }

    @Test
    void operationsListTheAnswersTheServiceGives() {
        JsonNode paths = document().get("paths");

        assertThat(paths.at("/~1api~1v1~1channels/post/responses").has("201")).isTrue();
        assertThat(paths.at("/~1api~1v1~1webhooks~1{id}~1secrets/post/responses")
                        .has("201"))
                .isTrue();
        for (String operation : List.of(
                "/~1api~1v1~1levels/put",
                "/~1api~1v1~1settings~1mail/put",
                "/~1api~1v1~1users~1{username}~1subscriptions/put",
                "/~1api~1v1~1requests~1{id}~1approve/post",
                "/~1api~1v1~1grants~1{id}~1revoke/post")) {
            assertThat(paths.at(operation + "/responses").has("412"))
                    .as(operation)
                    .isTrue();
        }
        assertThat(paths.at("/~1api~1v1~1requests/post/responses").has("415")).isTrue();
        assertThat(paths.at("/~1api~1v1~1import/post/responses").has("415")).isTrue();
        assertThat(paths.at("/~1api~1v1~1export/get/responses").has("406")).isTrue();
        assertThat(document().at("/info/description").asString()).contains("405");
    }

    @Test
    void chatCallBacksTakeNoTokenAndAnswerPlainText() {
        JsonNode paths = document().get("paths");

        for (String path : List.of("/chat/telegram/{channel}/updates", "/chat/slack/{channel}/interactions")) {
            JsonNode operation = paths.get(path).get("post");
            assertThat(operation.get("security")).as(path).isEmpty();
            assertThat(Api.fieldNames(operation.at("/responses/401/content"))).containsExactly("text/plain");
            assertThat(operation.get("responses").has("403")).isFalse();
        }
        assertThat(paths.at("/~1chat~1telegram~1{channel}~1updates/post/responses/200")
                        .has("content"))
                .isFalse();
    }

    @Test
    void bodiesNameWhatTheServiceRequiresRefusesAndNeverAnswers() {
        JsonNode document = document();
        JsonNode schemas = document.at("/components/schemas");

        assertThat(document.at("/paths/~1api~1v1~1import/post/requestBody/content/application~1yaml/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/Bundle");
        assertThat(document.at("/paths/~1api~1v1~1import/post/parameters").toString())
                .doesNotContain("Content-Type");
        assertThat(Api.strings(schemas.at("/CreateBody/required"))).contains("resource", "account");
        assertThat(schemas.at("/CreateBody/additionalProperties").asBoolean(true))
                .isFalse();
        for (String secret : List.of(
                "/ChatChannelInput/properties/botToken",
                "/ChatChannelInput/properties/signingSecret",
                "/ChatChannelInput/properties/webhookSecret",
                "/Smtp/properties/password",
                "/Imap/properties/password")) {
            assertThat(schemas.at(secret + "/writeOnly").asBoolean()).as(secret).isTrue();
        }
    }

    @Test
    void aChatLinkCodeIsAnsweredAsItsOneRequiredString() {
        JsonNode document = document();

        assertThat(document.at("/paths/~1api~1v1~1users~1{username}~1chat-links/post/responses/201/content"
                                + "/application~1json/schema/$ref")
                        .asString())
                .isEqualTo("#/components/schemas/ChatLinkCode");
        JsonNode code = document.at("/components/schemas/ChatLinkCode");
        assertThat(Api.strings(code.get("required"))).containsExactly("code");
        assertThat(code.at("/properties/code").toString()).doesNotContain("null");
    }

    @Test
    void enumsListOnlyWhatTheServiceProduces() {
        JsonNode schemas = document().at("/components/schemas");

        assertThat(schemas.at("/DecisionResponse/properties/channel").toString())
                .doesNotContain("\"CHAT\"", "\"AUTO\"")
                .contains("\"SYSTEM\"");
        assertThat(schemas.at("/ChatLinkView/properties/type").toString()).doesNotContain("SLACK", "TEAMS", "DISCORD");
    }

    @Test
    void everyOperationHasADeclaredTagNamedForPeople() {
        JsonNode document = document();
        Set<String> declared = new HashSet<>();
        document.get("tags").forEach(tag -> declared.add(tag.get("name").asString()));

        document.get("paths")
                .forEach(path -> path.forEach(operation -> operation
                        .get("tags")
                        .forEach(tag -> assertThat(declared).contains(tag.asString()))));
        assertThat(declared).allMatch(name -> Character.isUpperCase(name.charAt(0)) && !name.contains("controller"));
    }

    private JsonNode document() {
        return api.asAdmin().get("/api/v1/openapi").expect(200).json();
    }

    private void check(DescribedAnswers described, List<String> problems, String template, String path) {
        problems.addAll(described.problems(
                "GET", template, 200, api.asAdmin().get(path).expect(200).json()));
    }
}
