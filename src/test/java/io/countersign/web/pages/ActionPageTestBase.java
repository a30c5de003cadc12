package io.countersign.web.pages;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.countersign.directory.Directory;
import io.countersign.request.ActionTokens;
import io.countersign.shared.Channel;
import io.countersign.testing.AccessSetup;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/**
 * Dev asks for an account, Lisa decides its one step; Dev's name, the step's name and every
 * justification hold markup, so that escaping shows. Requests, Lisa's decision links, and what a
 * request became, read through the API. No bearer token is ever sent to a decision link.
 */
abstract class ActionPageTestBase {

    static final String HOSTILE = "<script>alert('x')</script> & INC-7";

    @Autowired
    MockMvc mvc;

    @Autowired
    Api api;

    @Autowired
    AccessSetup setup;

    @Autowired
    ActionTokens tokens;

    @Autowired
    Directory directory;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    String dev;
    String lisa;
    String resource;

    @BeforeEach
    void organisation() {
        dev = user("dev", "Dana <b>Dev</b>");
        lisa = user("lisa", "Lisa Lead");
        resource = Api.unique("db");
        setup.database(resource, "admin");
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("name", "Manager <i>Review</i>");
        step.put("requiredApprovals", 1);
        step.put("approvers", List.of(Map.of("user", lisa)));
        step.put("timeout", "PT30M");
        step.put("onTimeout", "REJECT");
        api.asAdmin()
                .post(
                        "/api/v1/policies",
                        Api.json(Map.of(
                                "name",
                                Api.unique("policy"),
                                "conditions",
                                Map.of("resourceName", resource),
                                "steps",
                                List.of(step))))
                .expect(201);
    }

    MockHttpServletResponse decide(String token, String decision, String comment) throws Exception {
        MockHttpServletRequestBuilder form =
                post("/actions/" + token).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (decision != null) {
            form.param("decision", decision);
        }
        if (comment != null) {
            form.param("comment", comment);
        }
        return mvc.perform(form).andReturn().getResponse();
    }

    String user(String base, String displayName) {
        String name = Api.unique(base);
        api.asAdmin()
                .post(
                        "/api/v1/users",
                        Api.json(Map.of("username", name, "email", name + "@example.com", "displayName", displayName)))
                .expect(201);
        return name;
    }

    String tokenOf(String user) {
        return api.asAdmin()
                .post("/api/v1/users/" + user + "/tokens", Api.json(Map.of("name", Api.unique("test"))))
                .expect(201)
                .json()
                .get("token")
                .asString();
    }

    String request() {
        return api.as(tokenOf(dev))
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT2H",
                                "justification",
                                HOSTILE)))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    String token(String id) {
        return tokens.issue(id, 0, directory.idOf(lisa).orElseThrow(), Channel.WEB);
    }

    JsonNode read(String id) {
        return api.asAdmin().get("/api/v1/requests/" + id).expect(200).json();
    }
}
