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
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Request bodies and bundles with duplicate keys, huge numbers, deep nesting, unknown values or wrong
 * types are refused in the product's words, naming the field and never the service's classes.
 */
@CountersignTest
class BodyContainmentTests extends ContainmentTestBase {

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
    void nestingBeyondTheLimitIsTooLargeOnTheBodyWhateverFieldOrShapeHoldsIt() {
        String approve = "/api/v1/requests/" + scene.pendingRequest + "/approve";
        List<String> calls = List.of(
                "POST /api/v1/users/" + scene.dev + "/tokens {\"name\":\"deep\",\"expiresAt\":" + nested(40) + "}",
                "POST " + approve + " {\"comment\":" + nested(40) + "}",
                "POST " + approve + " {\"comment\":" + nested(2000) + "}",
                "POST /api/v1/users " + "[".repeat(40) + "]".repeat(40));
        for (String call : calls) {
            String[] parts = call.split(" ", 3);
            var answer = api.asAdmin().call(HttpMethod.valueOf(parts[0]), parts[1], parts[2]);
            assertThat(answer.status()).as(call + " → " + answer.body()).isEqualTo(400);
            assertThat(issues(answer)).as(call).containsExactly("body:too_large");
            assertThat(answer.json().get("errors").get(0).get("message").asString())
                    .as(call)
                    .isEqualTo("is nested too deeply (at most 32 levels)");
        }
        nothingChanged();
    }

    @Test
    void aBundleNestedBeyondTheLimitIsTooLargeOnTheBodyWhateverFieldOrShapeHoldsIt() {
        List<Api.Response> answers = List.of(
                importJson("{\"levels\":" + nested(40) + "}"),
                importJson("{\"users\":[{\"username\":" + nested(40) + "}]}"),
                importJson("{\"policies\":[{\"name\":\"p\",\"priority\":" + nested(2000) + "}]}"),
                importJson("[".repeat(40) + "]".repeat(40)),
                importYaml("users:\n  - username: " + "[".repeat(40) + "]".repeat(40) + "\n"),
                importYaml("[".repeat(40) + "]".repeat(40) + "\n"));
        for (Api.Response answer : answers) {
            assertThat(issues(answer.expect(400))).as(answer.body()).containsExactly("body:too_large");
            assertThat(answer.json().get("errors").get(0).get("message").asString())
                    .as(answer.body())
                    .isEqualTo("is nested too deeply (at most 32 levels)");
        }
        nothingChanged();
    }

    /** An object holding an array holding an object, and so on, {@code depth} levels deep. */
    private static String nested(int depth) {
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int level = 0; level < depth; level++) {
            open.append(level % 2 == 0 ? "{\"a\":" : "[");
            close.insert(0, level % 2 == 0 ? "}" : "]");
        }
        return open + "1" + close;
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
        expected.put("PUT " + policy + " {\"name\":" + "[".repeat(2000) + "]".repeat(2000) + steps, "body:too_large");
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
        // every token of a YAML bundle is read before the data binding, which gives up at a wrong type
        var nested = importYaml("levels: " + "[".repeat(40) + "]".repeat(40) + "\n");
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
        assertThat(issues(hugeBundle.expect(400))).contains("policies[0].priority:out_of_range");
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
    void aSecretSentAsANumberIsRefusedWithoutRepeatingIt() {
        String secret = "12345678901234";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(
                "POST /api/v1/users {\"username\":\"" + Api.unique("u") + "\",\"email\":\"u@example.com\","
                        + "\"displayName\":\"u\",\"password\":" + secret + "}",
                "password");
        expected.put(
                "PUT /api/v1/users/" + scene.lisa + "/password {\"current\":" + secret + ",\"new\":\"x\"}", "current");
        expected.put("PUT /api/v1/users/" + scene.lisa + "/password {\"new\":" + secret + "}", "new");
        expected.put(
                "POST /api/v1/webhooks {\"url\":\"https://hooks.example.com/x\",\"secret\":" + secret + "}", "secret");
        expected.put("POST /api/v1/webhooks/" + scene.webhook + "/secrets {\"secret\":" + secret + ".5}", "secret");
        expected.put("PUT /api/v1/settings/mail {\"smtp\":{\"password\":" + secret + "}}", "smtp.password");
        expected.put(
                "POST /api/v1/channels {\"name\":\"c\",\"type\":\"SLACK\",\"botToken\":" + secret + "}", "botToken");
        expected.forEach((call, field) -> {
            String[] parts = call.split(" ", 3);
            var answer = api.asAdmin().call(HttpMethod.valueOf(parts[0]), parts[1], parts[2]);
            assertThat(answer.status()).as(call + " → " + answer.body()).isEqualTo(400);
            // listed first, before what the operation's rules find in the rest of the body
            assertThat(issues(answer)).as(call).first().isEqualTo(field + ":invalid_type");
            assertThat(answer.json().get("errors").get(0).get("message").asString())
                    .as(call)
                    .isEqualTo("must be a JSON string");
            assertThat(answer.body()).as(call).doesNotContain(secret);
        });
        nothingChanged();
    }

    @Test
    void aBodyThatIsNotUtf8IsRefusedAsSuchWithoutTheServicesClassNames() throws Exception {
        byte[] notUtf8 = {(byte) 0xff, (byte) 0xfe};
        byte[] cutShort = "{\"levels\":[\"a\u00e9\"]}".getBytes(StandardCharsets.ISO_8859_1);
        for (String type : List.of("application/yaml", "application/json")) {
            for (byte[] body : List.of(notUtf8, cutShort)) {
                assertThat(send("/api/v1/import?dryRun=true", type, body))
                        .contains("\"detail\":\"body: is not valid UTF-8: save the bundle as UTF-8 and send it again\"")
                        .doesNotContain("java.")
                        .doesNotContain("Exception");
            }
        }
        // an operation's body is JSON only: YAML is refused by its type before it is read
        for (byte[] body : List.of(notUtf8, cutShort)) {
            assertThat(send("/api/v1/users", "application/json", body))
                    .contains("\"detail\":\"body: the request body is not valid UTF-8: send it encoded as UTF-8\"")
                    .doesNotContain("java.")
                    .doesNotContain("Exception");
        }
        nothingChanged();
    }

    @Test
    void anObjectGivenAsTextOrANumberIsNamedInJsonTermsWithoutRepeatingTheValue() {
        var smtp = api.asAdmin().put("/api/v1/settings/mail", "{\"smtp\":\"hunter2-secret\"}");
        var step = api.asAdmin()
                .put("/api/v1/policies/" + scene.policy, "{\"conditions\":{\"resourceName\":\"x\"},\"steps\":[12345]}");

        assertThat(smtp.expect(400).json().get("detail").asString()).isEqualTo("smtp: must be a JSON object");
        assertThat(step.expect(400).json().get("detail").asString()).isEqualTo("steps[0]: must be a JSON object");
        assertThat(smtp.body() + step.body())
                .doesNotContain("hunter2")
                .doesNotContain("12345")
                .doesNotContain("io.countersign")
                .doesNotContain("Creator");
        nothingChanged();
    }

    private String send(String path, String type, byte[] body) throws Exception {
        var answer = mvc.perform(MockMvcRequestBuilders.post(path)
                        .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                        .contentType(type)
                        .content(body))
                .andReturn()
                .getResponse();
        assertThat(answer.getStatus()).as(path + " " + type).isEqualTo(400);
        return answer.getContentAsString(StandardCharsets.UTF_8);
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
}
