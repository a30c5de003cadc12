package io.countersign.request;

import static io.countersign.request.Organisation.step;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * A call refused for how it was sent (an answer the caller would not take, a body of another type, an
 * unknown parameter) is refused before it runs: it changes nothing, and its key is not spent on it.
 */
@CountersignTest
class RetriedCallsRefusedAsSentTests extends DevAndLisaTestBase {

    @Test
    void aDecisionWhoseAnswerTheCallerWouldNotTakeChangesNothingAndIsNotRemembered() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("approve");
        String path = "/api/v1/requests/" + id + "/approve";

        var refused =
                api.as(lisa.token()).call(HttpMethod.POST, path, null, "Idempotency-Key", key, "Accept", "text/html");

        assertThat(refused.status()).isEqualTo(406);
        assertThat(decisionsOn(id)).isZero();
        var retry = decide(lisa, path, null, key);
        assertThat(retry.status()).as(retry.body()).isEqualTo(200);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat(decisionsOn(id)).isEqualTo(1);
    }

    @Test
    void aCallRefusedForHowItWasSentIsNotRemembered() {
        String id = org.pendingRequest(dev, List.of(step("Review", 1, lisa)));
        String key = Api.unique("approve");
        String path = "/api/v1/requests/" + id + "/approve";

        String body = Api.json(Map.of("comment", "ok"));

        var unknownParameter = decide(lisa, path + "?comment=ok", body, key);
        var notJson = api.as(lisa.token())
                .call(HttpMethod.POST, path, body, "Idempotency-Key", key, "Content-Type", "text/plain");

        assertThat(unknownParameter.status()).isEqualTo(400);
        assertThat(notJson.status()).isEqualTo(415);
        assertThat(notJson.header("Idempotent-Replayed")).isNull();
        assertThat(decisionsOn(id)).isZero();
        var sentProperly = decide(lisa, path, body, key);
        assertThat(sentProperly.status()).isEqualTo(200);
        assertThat(sentProperly.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void aCreationWhoseAnswerTheCallerWouldNotTakeOpensNoRequest() {
        String resource = org.resourceReviewedBy(lisa);
        String body = Api.json(Map.of("resource", resource, "account", "admin", "justification", "INC-1"));

        var refused = api.as(dev.token()).call(HttpMethod.POST, "/api/v1/requests", body, "Accept", "text/plain");

        assertThat(refused.status()).isEqualTo(406);
        assertThat(api.as(dev.token())
                        .get("/api/v1/requests?resource=" + resource)
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
    }
}
