package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A user deactivated on another instance is still authenticated here while this instance's cache of
 * tokens keeps their token (a second at most): a call they make meanwhile is refused as
 * unauthenticated, as it is once the cache has let the token go, not answered as if they had named
 * someone unknown.
 */
@CountersignTest
class DeactivatedCallerTests extends DevAndLisaTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aCallerDeactivatedElsewhereIsRefusedAsUnauthenticatedWhileTheirTokenIsStillCached() {
        String resource = org.resourceReviewedBy(lisa);
        // the token is now in this instance's cache
        api.as(dev.token()).get("/api/v1/requests").expect(200);
        // as another instance's deactivation reaches this one: in the database, nothing evicted here
        jdbc.sql("update users set active = false where username = ?")
                .param(dev.name())
                .update();

        var refused = api.as(dev.token())
                .post("/api/v1/requests", Api.json(Map.of("resource", resource, "account", "admin")));

        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
        JsonNode problem = refused.json();
        assertThat(problem.get("title").asString()).isEqualTo("Unauthorized");
        assertThat(problem.get("detail").asString()).isEqualTo("The API token is unknown or expired.");
    }
}
