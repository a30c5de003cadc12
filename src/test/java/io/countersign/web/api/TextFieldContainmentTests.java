package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * Every text field refuses control characters, direction overrides and lone surrogates, in the API and
 * in bundles; multi-line texts keep their line breaks and tabs.
 */
@CountersignTest
class TextFieldContainmentTests extends ContainmentTestBase {

    private Api.Response asDev(HttpMethod method, String path, String body) {
        return api.as(scene.devToken).call(method, path, body);
    }

    /** JSON with every non-ASCII character escaped, so that a lone surrogate reaches the service as {@code \\ud800}. */
    static String escaped(Object value) {
        return ESCAPING.writeValueAsString(value);
    }

    private static final tools.jackson.databind.json.JsonMapper ESCAPING =
            tools.jackson.databind.json.JsonMapper.builder()
                    .enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII)
                    .build();

    private Map<String, Object> userBody(String username, String displayName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", "eve@example.com");
        body.put("displayName", displayName);
        return body;
    }

    @Test
    void aNulInAJustificationIsRefusedWithTheFieldAndNothingIsStored() {
        var answer = asDev(
                HttpMethod.POST,
                "/api/v1/requests",
                Api.json(Map.of("resource", scene.resource, "account", "admin", "justification", "INC-1\u0000x")));

        assertThat(answer.expect(400).contentType()).startsWith("application/problem+json");
        assertThat(issues(answer)).containsExactly("justification:invalid_character");
        nothingChanged();
    }

    @Test
    void aDirectionOverrideInATicketIsRefusedSoApproversSeeWhatWasWritten() {
        var answer = asDev(
                HttpMethod.POST,
                "/api/v1/requests",
                Api.json(Map.of(
                        "resource",
                        scene.resource,
                        "account",
                        "admin",
                        "justification",
                        "deploy",
                        "ticket",
                        "INC-\u202E321")));
        var separated = asDev(
                HttpMethod.POST,
                "/api/v1/requests",
                Api.json(Map.of(
                        "resource",
                        scene.resource,
                        "account",
                        "admin",
                        "justification",
                        "deploy",
                        "ticket",
                        "INC-1\u2028INC-2")));

        assertThat(issues(answer.expect(400))).containsExactly("ticket:invalid_character");
        assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("U+202E at position 5");
        assertThat(issues(separated.expect(400))).containsExactly("ticket:invalid_character");
        assertThat(separated.json().get("errors").get(0).get("message").asString())
                .contains("U+2028 at position 6");
        nothingChanged();
    }

    @Test
    void displayNamesRefuseNulEscapeDeleteC1AndLoneSurrogates() {
        for (String hostile : List.of(
                "Eve\u2028Approved by the CISO",
                "Eve\u2029",
                "Eve\u0000",
                "\u0000Eve",
                "Eve\u001b[31m",
                "Eve\u007f",
                "Eve\u0085",
                "Eve\ud800",
                "Eve\udc00x")) {
            var answer = api.asAdmin().post("/api/v1/users", escaped(userBody(Api.unique("eve"), hostile)));
            assertThat(issues(answer.expect(400))).as(hostile).containsExactly("displayName:invalid_character");
        }
        nothingChanged();
    }

    @Test
    void aManagerOrLevelWithAControlCharacterIsRefusedBeforeItIsLookedUp() {
        Map<String, Object> withManager = userBody(Api.unique("eve"), "Eve");
        withManager.put("manager", "abc\u0000");
        Map<String, Object> withLevel = userBody(Api.unique("eve"), "Eve");
        withLevel.put("level", "lead\u0000");

        assertThat(issues(api.asAdmin()
                        .post("/api/v1/users", escaped(withManager))
                        .expect(400)))
                .containsExactly("manager:invalid_name");
        assertThat(issues(
                        api.asAdmin().post("/api/v1/users", escaped(withLevel)).expect(400)))
                .containsExactly("level:invalid_name");
        nothingChanged();
    }

    @Test
    void aGroupMemberOrManagerWithAControlCharacterIsRefusedBeforeItIsLookedUp() {
        String group = Api.unique("team");
        api.asAdmin().post("/api/v1/groups", Api.json(Map.of("name", group))).expect(201);
        before = StoredState.of(jdbc);

        assertThat(issues(api.asAdmin()
                        .put("/api/v1/groups/" + group, escaped(Map.of("managers", List.of("abc\u0000"))))
                        .expect(400)))
                .containsExactly("managers[0]:invalid_name");
        assertThat(issues(api.asAdmin()
                        .post(
                                "/api/v1/groups",
                                escaped(Map.of("name", Api.unique("team"), "members", List.of("x\u0000"))))
                        .expect(400)))
                .containsExactly("members[0]:invalid_name");
        nothingChanged();
    }

    @Test
    void namesNeverLoseAControlCharacterSilently() {
        var user = api.asAdmin().post("/api/v1/users", Api.json(userBody(Api.unique("eve") + "\u0000", "Eve")));
        var token =
                api.asAdmin().post("/api/v1/users/" + scene.dev + "/tokens", Api.json(Map.of("name", "ci\u001b[2J")));
        var policy = api.asAdmin()
                .put(
                        "/api/v1/policies/" + scene.policy,
                        Api.json(Map.of(
                                "conditions",
                                Map.of("resourceName", scene.resource),
                                "steps",
                                List.of(Map.of(
                                        "name", "Review\u0000", "approvers", List.of(Map.of("user", scene.lisa)))))));

        assertThat(issues(user.expect(400))).containsExactly("username:invalid_name");
        assertThat(issues(token.expect(400))).containsExactly("name:invalid_character");
        assertThat(issues(policy.expect(400))).containsExactly("steps[0].name:invalid_character");
        nothingChanged();
    }

    @Test
    void aNameWithALetterThatLowerCasesToAsciiIsRefusedRatherThanFolded() {
        String kelvin = "\u212A" + Api.unique("elvin");
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("POST /api/v1/users " + Api.json(userBody(kelvin, "Kelvin")), "username:invalid_name");
        expected.put("POST /api/v1/groups " + Api.json(Map.of("name", kelvin)), "name:invalid_name");
        expected.put(
                "POST /api/v1/resources "
                        + Api.json(Map.of("name", kelvin, "type", "database", "accounts", List.of("root"))),
                "name:invalid_name");
        expected.put(
                "PUT /api/v1/resources/" + scene.resource + " "
                        + Api.json(Map.of("type", "database", "accounts", List.of("admin", "\u212Aey"))),
                "accounts[1]:invalid_name");
        expected.put(
                "POST /api/v1/policies "
                        + Api.json(
                                Map.of("name", kelvin, "conditions", Map.of("resourceName", "x"), "steps", List.of())),
                "name:invalid_name");
        expected.put("PUT /api/v1/levels " + Api.json(List.of("\u212Aing")), "levels[0]:invalid_name");
        expected.forEach((call, issue) -> {
            String[] parts = call.split(" ", 3);
            var answer = api.asAdmin().call(HttpMethod.valueOf(parts[0]), parts[1], parts[2]);
            assertThat(issues(answer.expect(400))).as(call).containsExactly(issue);
        });
        assertThat(issues(importJson(Api.json(Map.of("users", List.of(userBody(kelvin, "Kelvin")))))
                        .expect(400)))
                .containsExactly("users[0].username:invalid_name");
        nothingChanged();
    }

    @Test
    void multiLineTextsKeepLineBreaksAndTabsButNoOtherControlCharacter() {
        var bell = api.as(scene.lisaToken)
                .post("/api/v1/requests/" + scene.pendingRequest + "/approve", Api.json(Map.of("comment", "ok\u0007")));
        var nul = api.asAdmin()
                .post("/api/v1/grants/" + scene.grant + "/revoke", Api.json(Map.of("reason", "done\u0000")));
        assertThat(issues(bell.expect(400))).containsExactly("comment:invalid_character");
        assertThat(issues(nul.expect(400))).containsExactly("reason:invalid_character");
        nothingChanged();

        var multiLine = asDev(
                HttpMethod.POST,
                "/api/v1/requests",
                Api.json(Map.of(
                        "resource", scene.resource, "account", "admin", "justification", "INC-1\r\n\tfailover\n")));
        assertThat(multiLine.expect(201).json().get("justification").asString()).isEqualTo("INC-1\r\n\tfailover");
    }

    @Test
    void anImportedBundleGoesThroughTheSameCheck() {
        String name = Api.unique("eve");
        var json = importJson("{\"users\":[{\"username\":\"" + name
                + "\",\"email\":\"eve@example.com\",\"displayName\":\"Eve\\u001b[0m\"}]}");
        var yamlBundle = importYaml(
                "users:\n  - {username: " + name + ", email: eve@example.com, displayName: \"Eve\\e[0m\"}\n");

        assertThat(issues(json.expect(400))).containsExactly("users[0].displayName:invalid_character");
        assertThat(issues(yamlBundle.expect(400))).containsExactly("users[0].displayName:invalid_character");
        nothingChanged();
    }
}
