package io.countersign.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A duration or an instant that cannot be read is one issue among the others of a body that reports
 * them together: the rest of the body is still read and checked, and nothing is saved.
 */
@CountersignTest
class UnreadableTimesTests {

    private static final String DURATION =
            "must be an ISO-8601 duration in days, hours, minutes or seconds, such as PT1H or P1D";
    private static final String INSTANT = "must be an ISO-8601 instant such as 2025-01-31T09:30:00Z";

    @Autowired
    Api api;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anUnreadableExpiryIsReportedWithATooLongTokenName() {
        int tokens =
                jdbc.sql("select count(*) from api_tokens").query(Integer.class).single();

        var answer = api.asAdmin()
                .post(
                        "/api/v1/users/admin/tokens",
                        Api.json(Map.of("name", "n".repeat(200), "expiresAt", "tomorrow-secret-5d1e")));

        assertThat(Api.issues(answer.expect(400)))
                .containsExactlyInAnyOrder("name:too_long", "expiresAt:invalid_value");
        assertThat(message(answer.json(), "expiresAt")).isEqualTo(INSTANT);
        assertThat(answer.body()).doesNotContain("tomorrow-secret-5d1e");
        assertThat(jdbc.sql("select count(*) from api_tokens")
                        .query(Integer.class)
                        .single())
                .isEqualTo(tokens);
    }

    @Test
    void anUnreadableRequestTtlIsReportedWithEveryOtherIssueOfThePolicy() {
        String name = Api.unique("times");

        var answer = api.asAdmin().post("/api/v1/policies", """
                        {"name": "%s", "requestTtl": "P1M", "requireJustification": "true",
                         "conditions": {"resourceName": "a-*"},
                         "steps": [{"name": "Review", "requiredApprovals": 1.9,
                                    "approvers": [{"requesterManager": true, "user": "admin"}]}]}""".formatted(name));

        assertThat(Api.issues(answer.expect(400)))
                .contains(
                        "requestTtl:invalid_value",
                        "requireJustification:invalid_type",
                        "steps[0].requiredApprovals:invalid_type")
                .anyMatch(issue -> issue.startsWith("steps[0].approvers[0]"));
        assertThat(message(answer.json(), "requestTtl")).isEqualTo(DURATION);
        assertThat(api.asAdmin().get("/api/v1/policies/" + name).status()).isEqualTo(404);
    }

    @Test
    void anUnreadableEndOfADelegationIsReportedWithAnUnknownDelegateAndAnUnknownField() {
        var answer = api.asAdmin()
                .post(
                        "/api/v1/users/admin/delegations",
                        "{\"delegate\": \"nobody-" + Api.unique("d") + "\", \"until\": \"x\", \"extra\": 1}");

        assertThat(Api.issues(answer.expect(400)))
                .containsExactlyInAnyOrder("delegate:unknown_user", "until:invalid_value", "extra:unknown_field");
        assertThat(message(answer.json(), "until")).isEqualTo(INSTANT);
    }

    private static String message(JsonNode problem, String field) {
        for (JsonNode error : problem.get("errors")) {
            if (error.get("field").asString().equals(field)) {
                return error.get("message").asString();
            }
        }
        return null;
    }
}
