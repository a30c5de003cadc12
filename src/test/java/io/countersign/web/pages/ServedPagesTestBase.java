package io.countersign.web.pages;

import io.countersign.testing.Api;
import io.countersign.testing.TestClockConfiguration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * Pages served on a real port and visited as a browser does, sessions, cookies and all: the address
 * they are served at, and the password the people a test creates sign in with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({TestClockConfiguration.class, Api.class})
abstract class ServedPagesTestBase {

    static final String PASSWORD = "a long enough password";

    @LocalServerPort
    int port;

    @Autowired
    Api api;

    String base;

    @BeforeEach
    void address() {
        base = "http://localhost:" + port;
    }

    /** A step of a policy that any one of {@code approvers} may approve. */
    static Map<String, Object> step(String... approvers) {
        return Map.of(
                "approvers",
                Arrays.stream(approvers).map(user -> Map.of("user", user)).toList());
    }

    /** A resource whose policy has one step, which {@code approver} approves. */
    String resourceApprovedBy(String approver) {
        return api.resourceGovernedBy(Map.of("steps", List.of(step(approver))));
    }

    /** {@code approver} approves the current step of request {@code id} through the API. */
    void approve(String approver, String id) {
        api.as(api.tokenFor(approver))
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);
    }

    /**
     * A resource whose policy asks {@code approver} to approve a request and lets a requester take access
     * at once for up to an hour instead, telling {@code told} and asking {@code reviewer} to review the
     * use within {@code reviewWithin}.
     */
    String breakGlassResource(String approver, List<String> told, String reviewer, String reviewWithin) {
        Map<String, Object> policy = new LinkedHashMap<>(Api.breakGlassBlock(
                "PT1H",
                told.stream().map(user -> Map.of("user", user)).toList(),
                List.of(Map.of("user", reviewer)),
                reviewWithin));
        policy.put("steps", List.of(step(approver)));
        return api.resourceGovernedBy(policy);
    }
}
