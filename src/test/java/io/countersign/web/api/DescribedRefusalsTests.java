package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The refusals that come before an operation runs, which every operation of a kind gives: each
 * operation's answers in the OpenAPI description list them, as the service really gives them.
 */
@CountersignTest
class DescribedRefusalsTests {

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    @Autowired
    WebLimits limits;

    @Test
    void everyOperationListsTheRefusalsOfItsAcceptItsBodyAndItsBodysType() throws Exception {
        JsonNode paths = api.asAdmin().get("/api/v1/openapi").expect(200).json().get("paths");
        List<String> mismatches = new ArrayList<>();
        for (var path : paths.properties()) {
            String address = path.getKey().replace("{number}", "1").replaceAll("\\{[^}]+}", "x-1");
            for (var entry : path.getValue().properties()) {
                HttpMethod method = HttpMethod.valueOf(entry.getKey().toUpperCase());
                JsonNode operation = entry.getValue();
                JsonNode responses = operation.get("responses");
                String name = entry.getKey() + " " + path.getKey();
                if (address.startsWith("/api/")) {
                    expect(mismatches, name, responses, "406", call(method, address, "Accept", ";;;", null, null));
                }
                JsonNode body = operation.path("requestBody").path("content");
                if (body.isMissingNode()) {
                    continue;
                }
                String type = body.propertyStream().findFirst().orElseThrow().getKey();
                long limit = limits.limitFor(address);
                // the import's limit is many megabytes: its refusal is the same filter's as every other
                if (limit <= 2L << 20) {
                    String large = "x".repeat((int) limit + 1);
                    expect(mismatches, name, responses, "413", call(method, address, "Accept", "*/*", type, large));
                }
                int unsupported = call(method, address, "Accept", "*/*", "text/plain", "x");
                if ((unsupported == 415) != responses.has("415")) {
                    mismatches.add(name + " answers " + unsupported + " to a text/plain body; described: "
                            + Api.fieldNames(responses));
                }
            }
        }

        assertThat(mismatches).isEmpty();
    }

    @Test
    void anExtensionNoPolicyGovernsAnymoreIsRefusedAsDescribed() {
        String resource = Api.unique("extend-db");
        AccessSetup setup = new AccessSetup(api);
        setup.database(resource, "admin");
        String policy = setup.openPolicy(resource);
        String grant = api.asAdmin()
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")))
                .expect(201)
                .json()
                .at("/grant/id")
                .asString();
        api.asAdmin().delete("/api/v1/policies/" + policy).expect(204);

        var refused = api.asAdmin()
                .post("/api/v1/grants/" + grant + "/extend", Api.json(Map.of("duration", "PT1H")))
                .expect(422);

        assertThat(refused.json().get("reason").asString()).isEqualTo("no_matching_policy");
        assertThat(api.asAdmin()
                        .get("/api/v1/openapi")
                        .json()
                        .at("/paths/~1api~1v1~1grants~1{id}~1extend/post/responses")
                        .has("422"))
                .isTrue();
    }

    private static void expect(List<String> mismatches, String name, JsonNode responses, String status, int answered) {
        if (!String.valueOf(answered).equals(status) || !responses.has(status)) {
            mismatches.add(name + " answers " + answered + " where " + status + " is expected; described: "
                    + Api.fieldNames(responses));
        }
    }

    private int call(HttpMethod method, String path, String header, String value, String type, String body)
            throws Exception {
        var builder = request(method, path)
                .header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                .header(header, value);
        if (body != null) {
            builder.contentType(type).content(body);
        }
        return mvc.perform(builder).andReturn().getResponse().getStatus();
    }
}
