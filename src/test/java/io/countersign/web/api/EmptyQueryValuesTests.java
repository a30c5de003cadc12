package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * An empty query value, what a script sends when its variable is unset, is refused on the parameter
 * it was given for, never read as a filter left out: the answer would be the whole unfiltered list, or
 * a verification that compared nothing.
 */
@CountersignTest
class EmptyQueryValuesTests {

    @Autowired
    Api api;

    @Test
    void anEmptyFilterIsRefusedOnEveryListRatherThanAnsweringEverything() {
        Map<String, String> refusedOn = Map.ofEntries(
                Map.entry("/api/v1/audit?actor=", "actor"),
                Map.entry("/api/v1/audit?action=", "action"),
                Map.entry("/api/v1/audit?requestId=", "requestId"),
                Map.entry("/api/v1/audit?from=", "from"),
                Map.entry("/api/v1/audit/export?format=csv&requestId=", "requestId"),
                Map.entry("/api/v1/requests?requester=", "requester"),
                Map.entry("/api/v1/requests?resource=", "resource"),
                Map.entry("/api/v1/requests?status=", "status"),
                Map.entry("/api/v1/requests?from=", "from"),
                Map.entry("/api/v1/users?prefix=", "prefix"),
                Map.entry("/api/v1/notifications/deliveries?recipient=", "recipient"),
                Map.entry("/api/v1/webhooks/wh-any/deliveries?state=", "state"));
        refusedOn.forEach(
                (path, parameter) -> assertThat(issues(api.asAdmin().get(path).expect(400)))
                        .as(path)
                        .containsExactly(parameter + ":invalid_value"));
    }

    @Test
    void anEmptyHeadIsRefusedRatherThanVerifyingAgainstNothing() {
        JsonNode problem = api.asAdmin()
                .get("/api/v1/audit/verify?events=&headHash=")
                .expect(400)
                .json();

        assertThat(issues(problem)).containsExactly("events:invalid_value", "headHash:invalid_value");
        assertThat(problem.get("errors").get(1).get("message").asString()).isEqualTo("must not be empty");
    }

    @Test
    void anEmptyValueSaysWhatTheParameterTakes() {
        JsonNode from = api.asAdmin().get("/api/v1/requests?from=").expect(400).json();
        JsonNode limit = api.asAdmin().get("/api/v1/audit?limit").expect(400).json();

        assertThat(from.get("detail").asString())
                .isEqualTo("from: must be an ISO-8601 instant such as 2025-01-31T09:30:00Z");
        assertThat(limit.get("detail").asString()).isEqualTo("limit: must be a whole number (at most 2147483647)");
    }

    @Test
    void aParameterTheOperationDoesNotTakeIsUnknownWithOrWithoutAValue() {
        for (String limit : new String[] {"limit", "limit=", "limit=5"}) {
            assertThat(issues(api.asAdmin()
                            .get("/api/v1/audit/export?format=jsonl&" + limit)
                            .expect(400)))
                    .as(limit)
                    .containsExactly("limit:unknown_parameter");
        }
    }
}
