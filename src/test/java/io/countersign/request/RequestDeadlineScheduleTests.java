package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.request.Organisation.Person;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every deadline a request gets has its own one-time task in the scheduler's table, due at that very
 * instant, written in the transaction that set the deadline; the task applies what is due once and
 * does nothing for a request already decided.
 */
class RequestDeadlineScheduleTests extends DeadlineTestBase {

    Person sam;

    @BeforeEach
    void samToo() {
        sam = scene.org.person("sam");
    }

    private static Instant instant(JsonNode node) {
        return Instant.parse(node.asString());
    }

    private String twoTimedSteps() {
        return scene.org.pendingRequest(
                scene.dev,
                List.of(
                        Organisation.timedStep("Manager", scene.lisa, "PT30M", "REJECT"),
                        Organisation.timedStep("Security", sam, "PT1H", "REJECT")),
                Map.of("requestTtl", "PT4H"));
    }

    @Test
    void creatingARequestSchedulesItsTimeToLiveAndItsFirstStepDeadline() {
        String id = twoTimedSteps();

        JsonNode created = scene.read(id);
        assertThat(timersOf(id))
                .containsExactly(
                        instant(created.get("steps").get(0).get("deadline")), instant(created.get("expiresAt")));
        assertThat(instant(created.get("expiresAt")))
                .isEqualTo(instant(created.get("createdAt")).plus(Duration.ofHours(4)));
    }

    @Test
    void startingTheNextStepSchedulesItsDeadline() {
        String id = twoTimedSteps();
        clock.advance(Duration.ofMinutes(10));

        api.as(scene.lisa.token())
                .post("/api/v1/requests/" + id + "/approve", null)
                .expect(200);

        JsonNode second = scene.read(id);
        Instant deadline = instant(second.get("steps").get(1).get("deadline"));
        assertThat(deadline).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(timersOf(id)).contains(deadline).hasSize(3);
    }

    @Test
    void anEscalationSchedulesItsFreshDeadline() {
        String id = scene.requestWhoseStepTimesOut("ESCALATE");
        clock.advance(Duration.ofMinutes(31));

        timers.fire(id);

        Instant fresh = instant(scene.read(id).get("steps").get(0).get("deadline"));
        assertThat(fresh).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(timersOf(id)).contains(fresh);
    }

    @Test
    void aTimerAppliesWhatIsDueOnceAndNothingForARequestAlreadyDecided() {
        String expiring = twoTimedSteps();
        String decided = twoTimedSteps();
        api.as(scene.lisa.token())
                .post("/api/v1/requests/" + decided + "/reject", null)
                .expect(200);

        clock.advance(Duration.ofHours(5));

        timers.fire(expiring);
        assertThat(timers.fire(expiring)).isEqualTo(RequestTimers.Fired.UNCHANGED);
        assertThat(timers.fire(decided)).isEqualTo(RequestTimers.Fired.UNCHANGED);
        assertThat(scene.read(expiring).get("status").asString()).isEqualTo("EXPIRED");
        assertThat(scene.read(decided).get("status").asString()).isEqualTo("REJECTED");
        assertThat(jdbc.sql("select count(*) from audit_events where actor = 'system' and request_id in (?, ?)")
                        .params(expiring, decided)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aTimerBeforeItsDueTimeChangesNothing() {
        String id = twoTimedSteps();

        assertThat(timers.fire(id)).isEqualTo(RequestTimers.Fired.UNCHANGED);

        assertThat(scene.read(id).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void aStepDeadlineAtTheSameInstantAsTheTimeToLiveSharesItsTimer() {
        String id = scene.org.pendingRequest(
                scene.dev,
                List.of(Organisation.timedStep("Manager", scene.lisa, "PT30M", "REJECT")),
                Map.of("requestTtl", "PT30M"));

        assertThat(timersOf(id)).containsExactly(instant(scene.read(id).get("expiresAt")));
    }
}
