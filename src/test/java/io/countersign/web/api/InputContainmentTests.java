package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Bad input is contained: every text field refuses control characters, duplicate keys, wrong types,
 * huge numbers and deep nesting are 400 problems naming the field, and nothing of a refused call is
 * stored. Cursors are {@link CursorContainmentTests}.
 */
@CountersignTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InputContainmentTests {

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    Scene scene;
    StoredState before;

    @BeforeAll
    void scene() {
        scene = new Scene(api);
    }

    @BeforeEach
    void snapshot() {
        before = StoredState.of(jdbc);
    }

    private void nothingChanged() {
        assertThat(StoredState.of(jdbc)).isEqualTo(before);
    }

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

        assertThat(issues(answer.expect(400))).containsExactly("ticket:invalid_character");
        assertThat(answer.json().get("errors").get(0).get("message").asString()).contains("U+202E at position 4");
        nothingChanged();
    }

    @Test
    void displayNamesRefuseNulEscapeDeleteC1AndLoneSurrogates() {
        for (String hostile : List.of(
                "Eve\u0000", "\u0000Eve", "Eve\u001b[31m", "Eve\u007f", "Eve\u0085", "Eve\ud800", "Eve\udc00x")) {
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

    private Api.Response importJson(String body) {
        return api.asAdmin().post("/api/v1/import", body);
    }

    private Api.Response importYaml(String body) {
        try {
            var result = mvc.perform(
                            org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/api/v1/import")
                                    .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                                    .contentType("application/yaml")
                                    .content(body.getBytes(StandardCharsets.UTF_8)))
                    .andReturn()
                    .getResponse();
            return new Api.Response(result.getStatus(), result.getContentAsString(), result.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Api.Response rawGet(String pathAndQuery) {
        try {
            var result = mvc.perform(get(URI.create(pathAndQuery)).header("Authorization", "Bearer " + Api.ADMIN_TOKEN))
                    .andReturn()
                    .getResponse();
            return new Api.Response(result.getStatus(), result.getContentAsString(), result.getContentType());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void queryParametersThatReachTheDatabaseOrComeBackAreCheckedToo() {
        assertThat(issues(rawGet("/api/v1/access/check?user=dev%00&resource=db&account=admin")
                        .expect(400)))
                .containsExactly("user:invalid_character");
        assertThat(issues(rawGet("/api/v1/requests?resource=db%1B%5B2J").expect(400)))
                .containsExactly("resource:invalid_character");
        assertThat(issues(rawGet("/api/v1/audit?actor=%00").expect(400))).containsExactly("actor:invalid_character");
        rawGet("/api/v1/users/" + "dev%1B").expect(400);
    }

    @Test
    void aQueryParameterGivenTwiceIsRefusedRatherThanOneOfItsValuesChosen() {
        assertThat(issues(
                        rawGet("/api/v1/requests?status=PENDING&status=PENDING").expect(400)))
                .containsExactly("status:repeated");
        assertThat(issues(rawGet("/api/v1/grants?active=true&active=false").expect(400)))
                .containsExactly("active:repeated");
        rawGet("/api/v1/requests?status=PENDING").expect(200);
    }

    @Test
    void duplicateKeysAreRefusedInTheApiAndInBundles() {
        String name = Api.unique("eve");
        var user = api.asAdmin()
                .post(
                        "/api/v1/users",
                        "{\"username\":\"" + name
                                + "\",\"email\":\"eve@example.com\",\"role\":\"USER\",\"role\":\"ADMIN\"}");
        var nested = api.asAdmin()
                .put(
                        "/api/v1/policies/" + scene.policy,
                        "{\"conditions\":{\"resourceName\":\"" + scene.resource
                                + "\",\"resourceName\":\"*\"},\"steps\":[]}");
        var bundle = importJson("{\"levels\":[\"a\"],\"levels\":[\"b\"]}");
        var yaml = importYaml("levels: [a]\nlevels: [b]\n");

        assertThat(issues(user.expect(400))).containsExactly("role:duplicate_key");
        assertThat(issues(nested.expect(400))).containsExactly("conditions.resourceName:duplicate_key");
        assertThat(issues(bundle.expect(400))).containsExactly("levels:duplicate_key");
        assertThat(issues(yaml.expect(400))).containsExactly("levels:duplicate_key");
        nothingChanged();
    }

    @Test
    void hugeNumbersDeepNestingUnknownEnumsAndWrongTypesAre400WithTheField() {
        String policy = "/api/v1/policies/" + scene.policy;
        String steps = ",\"conditions\":{\"resourceName\":\"x\"},\"steps\":[]}";
        String approve = "/api/v1/requests/" + scene.pendingRequest + "/approve";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("PUT " + policy + " {\"priority\":1e400" + steps, "priority:");
        expected.put(
                "PUT " + policy + " {\"priority\":123456789012345678901234567890" + steps, "priority:out_of_range");
        expected.put("PUT " + policy + " {\"priority\":" + "9".repeat(200) + steps, "priority:out_of_range");
        expected.put("PUT " + policy + " {\"priority\":" + "9".repeat(5000) + steps, "body:too_large");
        expected.put("PUT " + policy + " {\"enabled\":\"yes\"" + steps, "enabled:");
        expected.put("PUT " + policy + " {\"maxDuration\":\"PT99999999999999999999H\"" + steps, "maxDuration:");
        expected.put(
                "PUT " + policy + " {\"name\":" + "[".repeat(2000) + "]".repeat(2000) + steps, "name:invalid_type");
        expected.put(
                "POST /api/v1/users {\"username\":\"x\",\"email\":\"x@example.com\",\"role\":\"GOD\"}",
                "role:invalid_value");
        expected.put("POST /api/v1/users {\"username\":\"x\",\"email\":\"x@example.com\",\"role\":0}", "role:");
        expected.put(
                "POST /api/v1/users {\"username\":\"x\",\"email\":\"x@example.com\",\"active\":\"no\"}", "active:");
        expected.put("POST " + approve + " {\"comment\":12}", "comment:");
        expected.put("POST " + approve + " {\"comment\":true}", "comment:");
        expected.put("POST " + approve + " {\"comment\":{\"a\":1}}", "comment:");
        expected.put("POST " + approve + " {\"comment\":\"ok\"", "body:malformed_json");
        expected.put("POST /api/v1/users []", "body:invalid_type");
        expected.put("POST /api/v1/users \"x\"", "body:invalid_type");
        expected.put(
                "POST /api/v1/requests {\"resource\":\"" + scene.resource
                        + "\",\"account\":\"admin\",\"duration\":\"P9999999999999D\"}",
                "duration:");
        expected.put(
                "POST /api/v1/requests {\"resource\":\"" + scene.resource
                        + "\",\"account\":\"admin\",\"startsAt\":\"+1000000000-01-01T00:00:00Z\"}",
                "startsAt:");
        expected.put(
                "PUT /api/v1/levels [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
                "");
        expected.forEach((call, field) -> {
            String[] parts = call.split(" ", 3);
            var answer = api.asAdmin().call(HttpMethod.valueOf(parts[0]), parts[1], parts[2]);
            assertThat(answer.status()).as(call + " → " + answer.body()).isEqualTo(400);
            assertThat(issues(answer)).as(call).singleElement().asString().startsWith(field);
        });
        nothingChanged();
    }

    @Test
    void aBrokenParsingLimitIsSaidInTheProductsWordsInTheApiAndInBundles() {
        // a body read as a map of anything, so that the data binding follows the nesting to its limit
        String deep = "{\"type\":" + "[".repeat(40) + "]".repeat(40) + "}";
        var nested = api.asAdmin().call(HttpMethod.POST, "/api/v1/users/admin/chat-links", deep);
        var huge = api.asAdmin()
                .put(
                        "/api/v1/policies/" + scene.policy,
                        "{\"priority\":99999999999,\"conditions\":{\"resourceName\":\"x\"},\"steps\":[]}");
        var longBundle = importJson("{\"policies\":[{\"name\":\"p\",\"priority\":" + "9".repeat(1001) + "}]}");
        var hugeBundle = importJson("{\"policies\":[{\"name\":\"p\",\"priority\":99999999999}]}");
        var comment = api.asAdmin().call(HttpMethod.POST, "/api/v1/policies", "{/* x */}");

        assertThat(nested.expect(400).json().get("errors").get(0).get("message").asString())
                .isEqualTo("is nested too deeply (at most 32 levels)");
        assertThat(issues(huge.expect(400))).containsExactly("priority:out_of_range");
        assertThat(huge.json().get("detail").asString())
                .isEqualTo("priority: is out of range (from -2147483648 to 2147483647)");
        assertThat(issues(longBundle.expect(400))).containsExactly("body:too_large");
        assertThat(longBundle.json().get("errors").get(0).get("message").asString())
                .isEqualTo("holds a number that is too long (at most 1000 digits)");
        assertThat(issues(hugeBundle.expect(400))).containsExactly("policies[0].priority:out_of_range");
        assertThat(nested.body()
                        + huge.body()
                        + longBundle.body()
                        + hugeBundle.body()
                        + comment.expect(400).body())
                .doesNotContain("StreamReadConstraints")
                .doesNotContain("`int`")
                .doesNotContain("Feature")
                .doesNotContain("enable");
        nothingChanged();
    }

    @Test
    void aValueOfTheWrongTypeIsNamedInJsonTermsWithoutTheServicesClassNames() {
        var object = api.asAdmin().call(HttpMethod.POST, "/api/v1/users", "[]").expect(400);
        var array = api.asAdmin().call(HttpMethod.PUT, "/api/v1/levels", "{}").expect(400);

        assertThat(object.json().get("errors").get(0).get("message").asString())
                .isEqualTo("the request body must be a JSON object");
        assertThat(array.json().get("errors").get(0).get("message").asString())
                .isEqualTo("the request body must be a JSON array");
        var field = api.asAdmin()
                .call(HttpMethod.POST, "/api/v1/users", "{\"username\":{\"a\":1},\"email\":\"x@example.com\"}")
                .expect(400);
        var flag = api.asAdmin()
                .call(
                        HttpMethod.POST,
                        "/api/v1/users",
                        "{\"username\":\"x\",\"email\":\"x@example.com\",\"active\":\"no\"}")
                .expect(400);
        var nothing =
                api.asAdmin().call(HttpMethod.POST, "/api/v1/users", "null").expect(400);
        var noLevels =
                api.asAdmin().call(HttpMethod.PUT, "/api/v1/levels", "null").expect(400);
        assertThat(issues(nothing)).containsExactly("body:invalid_type");
        assertThat(nothing.json().get("errors").get(0).get("message").asString())
                .isEqualTo("the request body must be a JSON object");
        assertThat(noLevels.json().get("errors").get(0).get("message").asString())
                .isEqualTo("the request body must be a JSON array");
        assertThat(issues(field)).containsExactly("username:invalid_type");
        assertThat(field.json().get("errors").get(0).get("message").asString()).isEqualTo("must be a JSON string");
        assertThat(flag.json().get("errors").get(0).get("message").asString()).isEqualTo("must be true or false");
        assertThat(object.body() + array.body() + field.body() + flag.body())
                .doesNotContain("io.countersign")
                .doesNotContain("java.")
                .doesNotContain("Coercion");
        nothingChanged();
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedRatherThanCut() {
        String fewerApprovals = "{\"conditions\":{\"resourceName\":\"x\"},\"steps\":[{\"approvers\":[{\"user\":\""
                + scene.lisa + "\"}],\"requiredApprovals\":1.9}]}";
        String lowerPriority = "{\"priority\":7.5,\"conditions\":{\"resourceName\":\"x\"},\"steps\":[]}";

        var approvals = api.asAdmin().put("/api/v1/policies/" + scene.policy, fewerApprovals);
        var priority = api.asAdmin().put("/api/v1/policies/" + scene.policy, lowerPriority);
        var imported = importJson("{\"policies\":[{\"name\":\"" + Api.unique("pf")
                + "\",\"conditions\":{\"resourceName\":\"f*\"},\"steps\":[{\"approvers\":[{\"user\":\""
                + scene.lisa + "\"}],\"requiredApprovals\":1.5}]}]}");

        assertThat(issues(approvals.expect(400))).containsExactly("steps[0].requiredApprovals:invalid_type");
        assertThat(approvals.json().get("errors").get(0).get("message").asString())
                .isEqualTo("must be a whole number");
        assertThat(issues(priority.expect(400))).containsExactly("priority:invalid_type");
        assertThat(issues(imported.expect(400))).containsExactly("policies[0].steps[0].requiredApprovals:invalid_type");
        nothingChanged();
    }

    @Test
    void aDurationOrAnInstantWrittenAsANumberIsRefusedRatherThanReadAsSeconds() {
        String request = "POST /api/v1/requests {\"resource\":\"" + scene.resource + "\",\"account\":\"admin\",";
        String approve = "POST /api/v1/requests/" + scene.pendingRequest + "/approve ";
        for (String call : List.of(
                request + "\"duration\":7200}",
                request + "\"duration\":1.5}",
                request + "\"duration\":true}",
                request + "\"startsAt\":1900000000}",
                approve + "{\"duration\":3600}",
                "PUT /api/v1/policies/" + scene.policy
                        + " {\"conditions\":{\"resourceName\":\"x\"},\"steps\":[],\"maxDuration\":3600}")) {
            String[] parts = call.split(" ", 3);
            var answer = api.asAdmin().call(HttpMethod.valueOf(parts[0]), parts[1], parts[2]);
            assertThat(answer.status()).as(call + " → " + answer.body()).isEqualTo(400);
            assertThat(issues(answer)).as(call).singleElement().asString().endsWith(":invalid_type");
            assertThat(answer.json().get("errors").get(0).get("message").asString())
                    .as(call)
                    .isEqualTo("must be a JSON string");
        }
        nothingChanged();
    }

    @Test
    void aTicketPatternRe2CannotRunIsRefusedWhenThePolicyIsSaved() {
        for (String pattern : List.of("^(INC)-\\1$", "^(?=INC)[A-Z]+-[0-9]+$", "^(?<!x)INC$")) {
            var answer = api.asAdmin()
                    .put(
                            "/api/v1/policies/" + scene.policy,
                            Api.json(Map.of(
                                    "conditions", Map.of("resourceName", scene.resource),
                                    "steps", List.of(),
                                    "ticketPattern", pattern)));
            assertThat(issues(answer.expect(400))).as(pattern).containsExactly("ticketPattern:invalid_pattern");
            assertThat(answer.json().get("errors").get(0).get("message").asString())
                    .contains("RE2");
        }
        nothingChanged();
    }

    @Test
    // a separate thread, so that a backtracking engine fails the test instead of hanging the build
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCatastrophicTicketPatternIsMatchedInLinearTime() {
        Scene scene = new Scene(api);
        api.asAdmin()
                .put(
                        "/api/v1/policies/" + scene.policy,
                        Api.json(Map.of(
                                "conditions", Map.of("resourceName", scene.resource),
                                "steps", List.of(Map.of("approvers", List.of(Map.of("user", scene.lisa)))),
                                "ticketPattern", "(.*a){20}")))
                .expect(200);

        var answer = api.as(scene.devToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource", scene.resource, "account", "admin", "ticket", "a".repeat(40) + "b")));

        assertThat(issues(answer.expect(400))).containsExactly("ticket:invalid_format");
    }
}
