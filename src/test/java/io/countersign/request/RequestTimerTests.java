package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Time-to-live and step timeouts, driven by moving the clock and running the sweep the scheduler runs. */
@CountersignTest
class RequestTimerTests {

    @Autowired
    Api api;

    @Autowired
    MutableClock clock;

    @Autowired
    RequestTimers timers;

    @Autowired
    JdbcClient jdbc;

    Organisation org;
    Person dev;
    Person lisa;
    Person director;

    @BeforeEach
    void organisation() {
        org = new Organisation(api);
        dev = org.person("dev");
        lisa = org.person("lisa");
        director = org.person("director");
    }

    private List<String> systemActions(String id) {
        return new SystemActions(jdbc).on(id);
    }

    /** A request whose one step, approved by lisa, escalates to the director after 30 minutes. */
    private String requestEscalatingToTheDirectorAfterHalfAnHour() {
        return org.pendingRequest(dev, List.of(Organisation.escalatingStep("Manager", lisa, "PT30M", director)));
    }

    /** A request by dev whose one step (lisa) leaves it pending for two hours at most. */
    private String requestLivingTwoHours() {
        return org.pendingRequest(dev, List.of(Organisation.step("Review", 1, lisa)), Map.of("requestTtl", "PT2H"));
    }

    private JsonNode read(String id) {
        return api.as(dev.token()).get("/api/v1/requests/" + id).expect(200).json();
    }

    @Test
    void aPendingRequestExpiresAfterItsTimeToLive() {
        String id = requestLivingTwoHours();

        clock.advance(Duration.ofHours(2));
        timers.sweep();

        JsonNode expired = read(id);
        assertThat(expired.get("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.get("steps").get(0).get("status").asString()).isEqualTo("SKIPPED");
        assertThat(api.as(lisa.token())
                        .post("/api/v1/requests/" + id + "/approve", null)
                        .status())
                .isEqualTo(409);
        assertThat(systemActions(id)).containsExactly("request.expired");
    }

    @Test
    void aPendingRequestDoesNotExpireBeforeItsTimeToLive() {
        String id = requestLivingTwoHours();

        clock.advance(Duration.ofHours(2).minusSeconds(1));
        timers.sweep();

        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(systemActions(id)).isEmpty();
    }

    @Test
    void anEscalatedStepThatTimesOutAgainRejectsTheRequestInsteadOfEscalatingTwice() {
        String id = requestEscalatingToTheDirectorAfterHalfAnHour();

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();
        assertThat(read(id).get("status").asString()).isEqualTo("PENDING");
        assertThat(systemActions(id)).containsExactly("request.step_escalated");

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();
        timers.sweep();

        JsonNode rejected = read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(systemActions(id)).containsExactly("request.step_escalated", "request.rejected");
    }

    @Test
    void aRequestStoredBeforeEscalationIdsWereKeptStillEscalatesAndThenKeepsTheIds() {
        String id = requestEscalatingToTheDirectorAfterHalfAnHour();
        // as a request created before the upgrade that added escalation ids left its step
        jdbc.sql("update request_steps set escalation_approvers = null, escalation_approver_ids = null"
                        + " where request_id = ?")
                .param(id)
                .update();

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();

        assertThat(read(id).get("steps").get(0).get("eligibleApprovers").toString())
                .contains(director.name());
        assertThat(jdbc.sql("select escalation_approver_ids from request_steps where request_id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .startsWith("usr-");
        api.as(director.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);
    }

    @Test
    void aStepThatTimesOutEscalatesToItsEscalationApproversWhoMayThenApprove() {
        String id = requestEscalatingToTheDirectorAfterHalfAnHour();
        assertThat(api.as(director.token()).get("/api/v1/requests/" + id).status())
                .isEqualTo(404);

        clock.advance(Duration.ofMinutes(30));
        timers.sweep();

        JsonNode escalated = read(id);
        assertThat(escalated.get("status").asString()).isEqualTo("PENDING");
        assertThat(escalated.get("steps").get(0).get("eligibleApprovers").toString())
                .contains(director.name());
        JsonNode waiting = api.as(director.token())
                .get("/api/v1/requests?awaiting=me")
                .expect(200)
                .json();
        assertThat(waiting.get("items").get(0).get("id").asString()).isEqualTo(id);
        api.as(director.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);
        assertThat(read(id).get("status").asString()).isEqualTo("APPROVED");
    }

    @Test
    void aStepThatTimesOutWithRejectEndsTheRequest() {
        String id = org.pendingRequest(dev, List.of(Organisation.timedStep("Manager", lisa, "PT10M", "REJECT")));
        assertThat(read(id).get("steps").get(0).get("deadline").isNull()).isFalse();

        clock.advance(Duration.ofMinutes(10));
        timers.sweep();

        JsonNode rejected = read(id);
        assertThat(rejected.get("status").asString()).isEqualTo("REJECTED");
        assertThat(rejected.get("decisions").get(0).get("channel").asString()).isEqualTo("SYSTEM");
        assertThat(systemActions(id)).containsExactly("request.rejected");
    }
}
