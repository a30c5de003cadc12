package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.countersign.testing.Api;
import io.countersign.testing.RawHttp;
import io.countersign.testing.TestClockConfiguration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * A JSON operation takes {@code application/json} and nothing else: not YAML, whose reader knows none
 * of the checks the JSON reader makes, not another {@code +json} type, which would promise a meaning
 * (a merge patch) the operation does not have, and not a wildcard, which names no type at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class BodyMediaTypeTests {

    private static final String PROBLEM = "application/problem+json";

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @Test
    void aYamlBodyIsRefusedAsATypeTheOperationDoesNotTake() throws Exception {
        String group = Api.unique("yamlgroup");
        String user = Api.unique("yamluser");

        MockHttpServletResponse groupAnswer = call(post("/api/v1/groups")
                .contentType("application/yaml")
                .content("name: " + group + "\nname: !!str " + group + "\nsneaky: &a x\nother: *a\n"));
        MockHttpServletResponse userAnswer = call(post("/api/v1/users")
                .contentType("application/yaml")
                .content("username: " + user + "\nemail: " + user + "@example.com\nactive: \"false\"\nnotAField: x\n"));

        for (MockHttpServletResponse refused : List.of(groupAnswer, userAnswer)) {
            assertThat(refused.getStatus()).isEqualTo(415);
            assertThat(refused.getContentType()).isEqualTo(PROBLEM);
            assertThat(refused.getHeader("Accept")).isEqualTo("application/json");
            assertThat(refused.getContentAsString())
                    .contains("takes a body of Content-Type application/json,")
                    .doesNotContain("yaml");
        }
        assertThat(call(get("/api/v1/groups/" + group)).getStatus()).isEqualTo(404);
        assertThat(call(get("/api/v1/users/" + user)).getStatus()).isEqualTo(404);
    }

    @Test
    void anAnswerIsNeverYaml() throws Exception {
        MockHttpServletResponse answer = call(get("/api/v1/users/admin").header("Accept", "application/yaml"));

        assertThat(answer.getStatus()).isEqualTo(406);
        assertThat(answer.getContentType()).isEqualTo(PROBLEM);
    }

    @Test
    void aBundleIsStillReadAsYaml() throws Exception {
        String group = Api.unique("bundlegroup");
        MockHttpServletResponse preview = call(post("/api/v1/import?dryRun=true")
                .contentType("application/yaml")
                .content("groups:\n  - {name: " + group + ", members: [], managers: []}\n"));

        assertThat(preview.getStatus()).as(preview.getContentAsString()).isEqualTo(200);
        assertThat(preview.getContentAsString()).contains(group);
    }

    /** On the server: Spring MVC read the header there with the request's charset, and failed on a wildcard. */
    @Test
    void aWildcardContentTypeIsRefusedAsATypeNotTaken() throws Exception {
        for (String type : List.of("*/*", "application/*")) {
            String group = Api.unique("wildgroup");
            Map<String, String> bodies = Map.of(
                    "/api/v1/groups", Api.json(Map.of("name", group)),
                    "/api/v1/requests", Api.json(Map.of("resource", "nothing", "account", "admin")),
                    "/api/v1/users", Api.json(Map.of("username", group, "email", group + "@example.com")));

            for (var body : bodies.entrySet()) {
                RawHttp.Answer refused = RawHttp.sendBody(
                        port,
                        "POST",
                        body.getKey(),
                        body.getValue(),
                        "Authorization: Bearer " + Api.ADMIN_TOKEN,
                        "Content-Type: " + type);

                assertThat(refused.status()).as(type + " " + body.getKey()).isEqualTo(415);
                assertThat(refused.contentType()).isEqualTo(PROBLEM);
                assertThat(refused.header("Accept")).isEqualTo("application/json");
                assertThat(refused.body()).contains("takes a body of Content-Type application/json,");
            }
            assertThat(call(get("/api/v1/groups/" + group)).getStatus()).isEqualTo(404);
        }
    }

    @Test
    void anotherJsonTypeIsRefusedAsATypeNotTaken() throws Exception {
        String kept = Api.unique("keptgroup");
        assertThat(call(post("/api/v1/groups")
                                .contentType("application/json")
                                .content(Api.json(Map.of("name", kept, "members", List.of("admin")))))
                        .getStatus())
                .isEqualTo(201);
        for (String type :
                List.of("application/vnd.evil+json", "application/problem+json", "application/merge-patch+json")) {
            String group = Api.unique("jsonish");
            MockHttpServletResponse created =
                    call(post("/api/v1/groups").contentType(type).content(Api.json(Map.of("name", group))));
            MockHttpServletResponse patched = call(put("/api/v1/groups/" + kept)
                    .contentType(type)
                    .content(Api.json(Map.of("name", kept, "managers", List.of("admin")))));

            for (MockHttpServletResponse refused : List.of(created, patched)) {
                assertThat(refused.getStatus()).as(type).isEqualTo(415);
                assertThat(refused.getHeader("Accept")).isEqualTo("application/json");
                assertThat(refused.getContentAsString()).contains("takes a body of Content-Type application/json,");
            }
            assertThat(call(get("/api/v1/groups/" + group)).getStatus()).isEqualTo(404);
        }
        assertThat(call(get("/api/v1/groups/" + kept)).getContentAsString())
                .contains("\"members\":[\"admin\"]", "\"managers\":[]");
    }

    @Test
    void jsonIsTakenWithOrWithoutItsCharset() throws Exception {
        for (String type :
                List.of("application/json", "application/json;charset=utf-8", "Application/JSON; charset=UTF-8")) {
            MockHttpServletResponse created = call(
                    post("/api/v1/groups").contentType(type).content(Api.json(Map.of("name", Api.unique("typed")))));

            assertThat(created.getStatus()).as(type).isEqualTo(201);
        }
    }

    private MockHttpServletResponse call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "Bearer " + Api.ADMIN_TOKEN))
                .andReturn()
                .getResponse();
    }
}
