package io.countersign.web.pages;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/** The page of break-glass uses and their reviews, signed in over real HTTP with a session. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
class BreakGlassUsesPageTests {

    static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    String base;
    String dev;
    String devToken;
    String rita;
    String resource;

    @BeforeEach
    void aPolicyAllowingReviewedBreakGlass() {
        base = "http://localhost:" + port;
        dev = person("dev", "USER");
        rita = person("rita", "USER");
        devToken = api.asAdmin()
                .post("/api/v1/users/" + dev + "/tokens", Api.json(Map.of("name", "laptop")))
                .expect(201)
                .json()
                .get("token")
                .asString();
        resource = Api.unique("db");
        new AccessSetup(api).database(resource, "admin");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name", Api.unique("policy"),
                                "conditions", Map.of("resourceName", resource),
                                "steps", List.of(Map.of("approvers", List.of(Map.of("user", rita)))),
                                "breakGlass",
                                        Map.of(
                                                "maxDuration",
                                                "PT1H",
                                                "notify",
                                                List.of(Map.of("user", rita)),
                                                "reviewers",
                                                List.of(Map.of("user", rita)),
                                                "reviewWithin",
                                                "PT8H"))))
                .expect(201);
    }

    private String person(String base, String role) {
        return api.person(base, role, PASSWORD);
    }

    private Visitor signedIn(String username) {
        return Visitor.signedIn(base, username, PASSWORD);
    }

    @Test
    void anAuditorSeesEachUseWithItsReviewAndEveryValueEscaped() {
        String auditor = person("audrey", "AUDITOR");
        String id = api.as(devToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "breakGlass",
                                true,
                                "justification",
                                "<b>primary</b> down")))
                .expect(201)
                .json()
                .get("id")
                .asString();

        HttpResponse<String> page = signedIn(auditor).open(base + "/breakglass");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("href=\"/requests/" + id + "\"")
                .contains("&lt;b&gt;primary&lt;/b&gt; down")
                .doesNotContain("<b>primary</b>")
                .contains("PENDING");
    }

    @Test
    void aUserMayNotOpenThePage() {
        HttpResponse<String> page = signedIn(dev).open(base + "/breakglass");

        assertThat(page.statusCode()).isEqualTo(403);
    }
}
