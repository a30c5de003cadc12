package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** The OpenAPI console: a public page that asks for a token, in front of a document that needs one. */
@CountersignTest
class ConsoleTests {

    @Autowired
    Api api;

    @Autowired
    MockMvc mvc;

    private MvcResult anonymous(String path) throws Exception {
        return mvc.perform(get(path)).andReturn();
    }

    @Test
    void theConsolePageIsServedWithoutAToken() throws Exception {
        MvcResult entry = anonymous("/console");
        assertThat(entry.getResponse().getStatus()).isEqualTo(302);
        String page = entry.getResponse().getRedirectedUrl();

        MvcResult index = anonymous(page);

        assertThat(index.getResponse().getStatus()).isEqualTo(200);
        assertThat(index.getResponse().getContentAsString()).contains("swagger-ui");
    }

    @Test
    void theConsoleSendsTheTokenItAsksForOnEveryCall() throws Exception {
        String page = anonymous("/console").getResponse().getRedirectedUrl();
        String initializer = page.replace("index.html", "swagger-initializer.js");

        String script = anonymous(initializer).getResponse().getContentAsString();

        assertThat(script).contains("requestInterceptor").contains("'Bearer ' + token");
        assertThat(script).contains("sessionStorage").doesNotContain("localStorage");
        assertThat(script).contains("/api/v1/openapi/swagger-config");
    }

    @Test
    void theConsolePageAndItsScriptsCarryAStrictContentPolicy() throws Exception {
        String page = anonymous("/console").getResponse().getRedirectedUrl();

        for (String path : List.of(page, page.replace("index.html", "swagger-initializer.js"))) {
            String policy = anonymous(path).getResponse().getHeader("Content-Security-Policy");

            assertThat(policy)
                    .as(path)
                    .contains("default-src 'self'", "script-src 'self'", "object-src 'none'")
                    .contains("frame-ancestors 'none'", "base-uri 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval");
        }
    }

    @Test
    void theConsoleCallsNoOutsideValidator() throws Exception {
        String config =
                anonymous("/api/v1/openapi/swagger-config").getResponse().getContentAsString();

        assertThat(config).contains("\"validatorUrl\":\"none\"");
    }

    @Test
    void theConsoleConfigurationNamesOnlyTheDocument() throws Exception {
        MvcResult config = anonymous("/api/v1/openapi/swagger-config");

        assertThat(config.getResponse().getStatus()).isEqualTo(200);
        assertThat(config.getResponse().getContentAsString()).contains("\"/api/v1/openapi\"");
    }

    @Test
    void theDocumentNeedsAToken() {
        assertThat(api.anonymous().get("/api/v1/openapi").status()).isEqualTo(401);

        String user = Api.unique("reader");
        api.asAdmin()
                .post("/api/v1/users", Api.json(Map.of("username", user, "email", user + "@example.com")))
                .expect(201);
        String token = api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", "t")))
                .expect(201)
                .json()
                .get("token")
                .asString();
        assertThat(api.as(token).get("/api/v1/openapi").status()).isEqualTo(200);
    }

    @Test
    void pathsNextToTheConsoleStayDenied() throws Exception {
        assertThat(anonymous("/api/v1/openapi/other").getResponse().getStatus()).isIn(401, 403);
    }
}
