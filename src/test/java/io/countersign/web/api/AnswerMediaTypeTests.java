package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * An answer says by its media type whether it is a refusal: a client that asks for problem documents
 * (or any other {@code +json} type) still gets its successes as {@code application/json}.
 */
@CountersignTest
class AnswerMediaTypeTests {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Test
    void aSuccessAskedForAsAProblemDocumentIsLabelledJson() throws Exception {
        MockHttpServletResponse answer = call(get("/api/v1/users/admin"), PROBLEM);

        assertThat(answer.getStatus()).isEqualTo(200);
        assertThat(answer.getContentType()).startsWith("application/json");
        assertThat(answer.getContentAsString()).contains("\"username\":\"admin\"");
    }

    @Test
    void aCreationAskedForAsAnotherJsonTypeIsLabelledJson() throws Exception {
        String name = Api.unique("media");
        MockHttpServletResponse answer = call(
                post("/api/v1/users")
                        .contentType("application/json")
                        .content(Api.json(Map.of("username", name, "email", name + "@example.com"))),
                "application/vnd.example+json");

        assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(201);
        assertThat(answer.getContentType()).startsWith("application/json");
    }

    @Test
    void aRefusalAskedForAsAProblemDocumentStaysOne() throws Exception {
        MockHttpServletResponse answer = call(get("/api/v1/users/nobody-here"), PROBLEM);

        assertThat(answer.getStatus()).isEqualTo(404);
        assertThat(answer.getContentType()).startsWith(PROBLEM);
    }

    @Test
    void aBodySentWithoutContentTypeIsToldToNameJsonNotATypeItNeverSent() throws Exception {
        String name = Api.unique("typeless");
        String body = Api.json(Map.of("username", name, "email", name + "@example.com"));

        MockHttpServletResponse typeless = call(post("/api/v1/users").content(body), PROBLEM);
        MockHttpServletResponse text =
                call(post("/api/v1/users").contentType("text/plain").content(body), PROBLEM);

        assertThat(typeless.getStatus()).isEqualTo(415);
        assertThat(typeless.getContentAsString())
                .contains("needs Content-Type application/json")
                .doesNotContain("octet-stream");
        assertThat(text.getStatus()).isEqualTo(415);
        assertThat(text.getContentAsString()).contains("takes a body of Content-Type application/json");
    }

    @Test
    void anAcceptHeaderThatCannotBeReadIsAProblemDocumentSayingSo() throws Exception {
        MockHttpServletResponse answer = call(get("/api/v1/users/admin"), ";;;garbage/");

        assertThat(answer.getStatus()).isEqualTo(406);
        assertThat(answer.getHeader("Content-Type")).isEqualTo(PROBLEM);
        assertThat(answer.getContentAsString())
                .contains("\"status\":406", "The Accept header cannot be read", "nothing was changed")
                .doesNotContain("garbage");
    }

    @Test
    void anAcceptHeaderThatCannotBeReadRefusesACreationBeforeItRuns() throws Exception {
        String name = Api.unique("acceptless");
        MockHttpServletResponse refused = call(
                post("/api/v1/users")
                        .contentType("application/json")
                        .content(Api.json(Map.of("username", name, "email", name + "@example.com"))),
                ";;;garbage/");

        assertThat(refused.getStatus()).isEqualTo(406);
        assertThat(refused.getHeader("Location")).isNull();
        assertThat(call(get("/api/v1/users/" + name), "application/json").getStatus())
                .isEqualTo(404);
    }

    @Test
    void aCreationWhoseAnswerTheCallerWouldNotTakeIsRefusedBeforeItRuns() throws Exception {
        for (String accept : List.of("text/html", "text/plain", "application/xml")) {
            String name = Api.unique("unanswered");
            MockHttpServletResponse user = call(
                    post("/api/v1/users")
                            .contentType("application/json")
                            .content(Api.json(Map.of("username", name, "email", name + "@example.com"))),
                    accept);
            MockHttpServletResponse group = call(
                    post("/api/v1/groups").contentType("application/json").content(Api.json(Map.of("name", name))),
                    accept);

            for (MockHttpServletResponse refused : List.of(user, group)) {
                assertThat(refused.getStatus()).as(accept).isEqualTo(406);
                assertThat(refused.getHeader("Content-Type")).isEqualTo(PROBLEM);
                assertThat(refused.getContentAsString()).contains("answers application/json", "nothing was changed");
            }
            assertThat(call(get("/api/v1/users/" + name), "application/json").getStatus())
                    .isEqualTo(404);
            assertThat(call(get("/api/v1/groups/" + name), "application/json").getStatus())
                    .isEqualTo(404);
        }
    }

    @Test
    void anAcceptThatAdmitsJsonAmongOtherTypesIsAnswered() throws Exception {
        for (String accept : List.of("text/html, */*;q=0.8", "application/*", "text/html, application/json;q=0.1")) {
            assertThat(call(get("/api/v1/users/admin"), accept).getStatus())
                    .as(accept)
                    .isEqualTo(200);
        }
    }

    @Test
    void operationsAnsweringOtherTypesKeepThem() throws Exception {
        MockHttpServletResponse csv = call(get("/api/v1/audit/export?format=csv"), "text/csv");
        MockHttpServletResponse bundle = call(get("/api/v1/export"), "application/yaml");
        MockHttpServletResponse description = call(get("/api/v1/openapi.yaml"), "*/*");

        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(bundle.getStatus()).isEqualTo(200);
        assertThat(bundle.getContentType()).startsWith("application/yaml");
        assertThat(description.getStatus()).isEqualTo(200);
        assertThat(description.getContentAsString()).startsWith("openapi:");
    }

    @Test
    void writesAskedForInAnotherCharsetAreAnsweredAsUtf8JsonOnce() {
        Scene scene = new Scene(api);
        String accept = "application/json;charset=iso-8859-1";
        String group = Api.unique("latin");

        Api.Response created = api.asAdmin()
                .call(HttpMethod.POST, "/api/v1/groups", Api.json(Map.of("name", group)), "Accept", accept);
        Api.Response asked = api.as(scene.devToken)
                .call(
                        HttpMethod.POST,
                        "/api/v1/requests",
                        Api.json(Map.of("resource", scene.resource, "account", "admin", "justification", "INC-7")),
                        "Accept",
                        accept);
        String approve = "/api/v1/requests/" + scene.pendingRequest + "/approve";
        String key = Api.unique("approve");
        Api.Response approved =
                api.as(scene.lisaToken).call(HttpMethod.POST, approve, "{}", "Accept", accept, "Idempotency-Key", key);
        Api.Response retried =
                api.as(scene.lisaToken).call(HttpMethod.POST, approve, "{}", "Accept", accept, "Idempotency-Key", key);

        for (Api.Response answer : List.of(created, asked, approved, retried)) {
            assertThat(answer.status()).as(answer.body()).isBetween(200, 201);
            assertThat(answer.header("Content-Type")).isEqualTo("application/json");
        }
        assertThat(retried.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.status(scene.pendingRequest)).isEqualTo("APPROVED");
    }

    @Test
    void anAnswerIsLabelledWithTheServicesOwnTypeWhateverParametersAcceptNames() throws Exception {
        MockHttpServletResponse user = call(get("/api/v1/users/admin"), "application/json;version=2");
        MockHttpServletResponse problem = call(get("/api/v1/users/nobody-here"), PROBLEM + ";charset=utf-8;profile=x");

        assertThat(user.getStatus()).isEqualTo(200);
        assertThat(user.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(problem.getStatus()).isEqualTo(404);
        assertThat(problem.getHeader("Content-Type")).isEqualTo(PROBLEM);
    }

    @Test
    void aTypeAcceptGivesNoQualityIsNotAnsweredAndNothingIsChanged() throws Exception {
        for (String accept : List.of("application/json;q=0", "application/json;q=0, */*", "*/*;q=0")) {
            String name = Api.unique("unwanted");
            MockHttpServletResponse read = call(get("/api/v1/users/admin"), accept);
            MockHttpServletResponse group = call(
                    post("/api/v1/groups").contentType("application/json").content(Api.json(Map.of("name", name))),
                    accept);

            assertThat(read.getStatus()).as(accept).isEqualTo(406);
            assertThat(group.getStatus()).as(accept).isEqualTo(406);
            assertThat(group.getContentAsString()).contains("answers application/json", "nothing was changed");
            assertThat(call(get("/api/v1/groups/" + name), "application/json").getStatus())
                    .isEqualTo(404);
        }
        assertThat(call(get("/api/v1/users/admin"), "text/html;q=0, */*").getStatus())
                .isEqualTo(200);
    }

    @Test
    void theAuditExportRefusesAnAcceptThatAdmitsNotItsFormat() throws Exception {
        for (String accept : List.of("text/html", "image/png", "application/json")) {
            MockHttpServletResponse refused = call(get("/api/v1/audit/export?format=csv"), accept);

            assertThat(refused.getStatus()).as(accept).isEqualTo(406);
            assertThat(refused.getHeader("Content-Type")).isEqualTo(PROBLEM);
            assertThat(refused.getContentAsString()).contains("answers text/csv");
        }
        assertThat(call(get("/api/v1/audit/export?format=jsonl"), "text/csv").getStatus())
                .isEqualTo(406);
        assertThat(call(get("/api/v1/audit/export?format=jsonl"), "application/jsonl, text/csv;q=0.5")
                        .getStatus())
                .isEqualTo(200);
        assertThat(call(get("/api/v1/audit/export?format=csv"), "*/*").getStatus())
                .isEqualTo(200);
    }

    @Test
    void everyJsonTypeAdmitsTheJsonOfOperationsThatNameTheirTypes() throws Exception {
        for (String accept : List.of(PROBLEM, "application/vnd.example+json")) {
            MockHttpServletResponse bundle = call(get("/api/v1/export"), accept);

            assertThat(bundle.getStatus()).as(accept).isEqualTo(200);
            assertThat(bundle.getHeader("Content-Type")).isEqualTo("application/json");
            assertThat(bundle.getContentAsString()).startsWith("{");
        }
        MockHttpServletResponse description = call(get("/api/v1/openapi"), "application/vnd.oai.openapi+json");
        MockHttpServletResponse yaml = call(get("/api/v1/openapi.yaml"), "application/yaml");

        assertThat(description.getStatus()).isEqualTo(200);
        assertThat(description.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(yaml.getStatus()).isEqualTo(200);
        assertThat(yaml.getContentAsString()).startsWith("openapi:");
    }

    @Test
    void theBundleExportExcludesTheTypeAcceptGivesNoQuality() throws Exception {
        MockHttpServletResponse json = call(get("/api/v1/export"), "application/yaml;q=0, */*");
        MockHttpServletResponse yaml = call(get("/api/v1/export"), "application/json;q=0, */*");

        assertThat(json.getHeader("Content-Type")).isEqualTo("application/json");
        assertThat(yaml.getHeader("Content-Type")).startsWith("application/yaml");
        assertThat(call(get("/api/v1/openapi"), "application/json;q=0, */*").getStatus())
                .isEqualTo(406);
    }

    @Test
    void aWildcardOfApplicationTypesGetsTheBundleExportsDefaultYaml() throws Exception {
        for (String accept : List.of("application/*", "application/*, */*;q=0.5", "application/*, text/html")) {
            MockHttpServletResponse bundle = call(get("/api/v1/export"), accept);

            assertThat(bundle.getStatus()).as(accept).isEqualTo(200);
            assertThat(bundle.getHeader("Content-Type")).as(accept).startsWith("application/yaml");
        }
        assertThat(call(get("/api/v1/export"), "application/json, application/*;q=0.5")
                        .getHeader("Content-Type"))
                .isEqualTo("application/json");
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request, String accept) throws Exception {
        MvcResult result = mvc.perform(request.header("Authorization", "Bearer " + Api.ADMIN_TOKEN)
                        .header("Accept", accept))
                .andReturn();
        return result.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(result)).andReturn().getResponse()
                : result.getResponse();
    }
}
