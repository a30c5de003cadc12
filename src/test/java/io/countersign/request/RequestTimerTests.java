package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Time-to-live and step timeouts, driven by moving the clock and running the sweep the scheduler runs. */
class RequestTimerTests extends DeadlineTestBase {

    @Test
    void aPendingRequestExpiresAfterItsTimeToLive() {
        String id = scene.requestLivingTwoHours();

        clock.advance(Duration.ofHours(2));
        timers.sweep();

        JsonNode expired = scene.read(id);
        assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.get("steps").get(0).get("status").asString()).isEqualTo("SKIPPED");
        assertThat(api.as(scene.lisa.token())
                        .post("/api/v1/requests/" + id + "/approve", null)
                        .status())
                .isEqualTo(409);
        assertThat(scene.systemActions(id)).containsExactly("request.expired");
    }

    @Test
    void aPendingRequestDoesNotExpireBeforeItsTimeToLive() {
        String id = scene.requestLivingTwoHours();

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        timers.sweep();

        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(scene.systemActions(id)).isEmpty();
    }

    @Test
    void anEscalatedStepThatTimesOutAgainRejectsTheRequestInsteadOfEscalatingTwice() {
        String id = scene.requestWhoseStepTimesOut("ESCALATE");

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();
        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(scene.systemActions(id)).containsExactly("request.step_escalated");

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();
        timers.sweep();

        JsonNode rejected = scene.read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(scene.systemActions(id)).containsExactly("request.step_escalated", "request.rejected");
    }

    @Test
    void aStepThatTimesOutAfterItsEscalationLeftAnEarlierApproverOutSaysSoInTheRequestAndTheAuditTrail() {
        Organisation.Person sam = scene.org.person("sam");
        Map<String, Object> security =
                new LinkedHashMap<>(Organisation.escalatingStep("Security", sam, "PT30M", scene.director));
        security.put("escalateTo", Organisation.usersNamed(scene.lisa, scene.director));
        String id = scene.org.pendingRequest(
                scene.dev,
                List.of(Organisation.step("Manager", 1, scene.lisa), security),
                Map.of("distinctApproversAcrossSteps", true));
        api.as(scene.lisa.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();
        clock.advance(Duration.ofMinutes(30));
        timers.sweep();

        JsonNode rejected = scene.read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        String reason = rejected.get("decisions").get(1).get("comment").asString();
        assertThat(reason)
                .startsWith("step 2 timed out at ")
                .endsWith(": of those it escalates to, " + scene.lisa.name() + " approved step 1");
        assertThat(jdbc.sql("select note from audit_events where request_id = ? and action = 'request.rejected'")
                        .param(id)
                        .query(String.class)
                        .single())
                .endsWith(reason);
    }

    @Test
    void aRequestStoredBeforeEscalationIdsWereKeptStillEscalatesAndThenKeepsTheIds() {
        String id = scene.requestWhoseStepTimesOut("ESCALATE");
        // as a request created before the upgrade that added escalation ids left its step
        jdbc.sql("update request_steps set escalation_approvers = null, escalation_approver_ids = null"
                        + " where request_id = ?")
                .param(id)
                .update();

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();

        assertThat(scene.read(id).get("steps").get(0).get("eligibleApprovers").toString())
                .contains(scene.director.name());
        assertThat(jdbc.sql("select escalation_approver_ids from request_steps where request_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .startsWith("usr-");
        api.as(scene.director.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);
    }

    @Test
    void aStepThatTimesOutEscalatesToItsEscalationApproversWhoMayThenApprove() {
        String id = scene.requestWhoseStepTimesOut("ESCALATE");
        assertThat(api.as(scene.director.token()).get("/api/v1/requests/" + id).status())
                .isEqualTo(404);

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();

        JsonNode escalated = scene.read(id);
        assertThat(escalated.get("status").asString()).isEqualTo("PENDING");
        assertThat(escalated.get("steps").get(0).get("eligibleApprovers").toString())
                .contains(scene.director.name());
        JsonNode waiting = api.as(scene.director.token())
                .get("/api/v1/requests?awaiting=me")
                .expect(200)
                .json();
        assertThat(waiting.get("items").get(0).get("id").asString()).isEqualTo(id);
        api.as(scene.director.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);
        assertThat(scene.read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aStepThatTimesOutWithRejectEndsTheRequest() {
        String id = scene.org.pendingRequest(
                scene.dev, List.of(Organisation.timedStep("Manager", scene.lisa, "PT10M", "REJECT")));
        assertThat(scene.read(id).get("steps").get(0).get("deadline").isNull()).isFalse();

        clock.advance(Duration.ofMinutes(10));
        timers.sweep();

        JsonNode rejected = scene.read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(scene.systemActions(id)).containsExactly("request.rejected");
    }
}
