package io.countersign.web.api;

import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A policy's ticket pattern is one RE2 can run, so no request's ticket can make matching take more
 * than linear time.
 */
@CountersignTest
class TicketPatternContainmentTests extends ContainmentTestBase {

    @Test
    void aTicketPatternRe2CannotRunIsRefusedWhenThePolicyIsSaved() {
        for (String pattern : List.of("^(INC)-\\1$", "^(?=INC)[A-Z]+-[0-9]+$", "^(?<!x)INC$")) {
            var answer = api.asAdmin()
                    .put(
                            "/api/v1/policies/" + scene.policy,
                            Api.json(Map.of(
                                    "conditions", Map.of("resourceName", scene.resource),
                                    "steps", List.of(),
                                    "ticketPattern", pattern)));
            assertThat(issues(answer.expect(400))).as(pattern).containsExactly("ticketPattern:invalid_pattern");
            assertThat(answer.json().get("errors").get(0).get("message").asString())
                    .contains("RE2");
        }
        nothingChanged();
    }

    @Test
    // a separate thread, so that a backtracking engine fails the test instead of hanging the build
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCatastrophicTicketPatternIsMatchedInLinearTime() {
        Scene scene = new Scene(api);
        api.asAdmin()
                .put(
                        "/api/v1/policies/" + scene.policy,
                        Api.json(Map.of(
                                "conditions", Map.of("resourceName", scene.resource),
                                "steps", List.of(Map.of("approvers", List.of(Map.of("user", scene.lisa)))),
                                "ticketPattern", "(.*a){20}")))
                .expect(200);

        var answer = api.as(scene.devToken)
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource", scene.resource, "account", "admin", "ticket", "a".repeat(40) + "b")));

        assertThat(issues(answer.expect(400))).containsExactly("ticket:invalid_format");
    }
}
