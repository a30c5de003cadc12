package io.countersign.grant;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.countersign.testing.Race;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Issuing a grant schedules a one-time task at its start (when later) and at its end, in the
 * approval's transaction; each records its change once, and nothing for a revoked grant. A grant
 * whose start and end both passed while no instance ran is recorded as started, then as ended, once.
 */
@CountersignTest
class GrantDueScheduleTests extends DevWithATokenTestBase {

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    GrantTimers timers;

    @BeforeEach
    void organisation() {
        setup.database(resource, "admin");
        setup.openPolicy(resource);
    }

    private JsonNode grant(Map<String, Object> request) {
        return api.as(devToken)
                .post("/api/v1/requests", Api.json(request))
                .expect(201)
                .json()
                .get("grant");
    }

    private List<Instant> timersOf(String grantId) {
        return scheduler.getScheduledExecutionsForTask(GrantTimerTask.DUE_TASK).stream()
                .filter(execution -> execution.getTaskInstance().getId().startsWith(grantId + "@"))
                .map(ScheduledExecution::getExecutionTime)
                .sorted()
                .toList();
    }

    @Test
    void aGrantThatStartsNowHasATimerAtItsEnd() {
        JsonNode grant = grant(Map.of("resource", resource, "account", "admin", "duration", "PT2H"));

        assertThat(timersOf(grant.get("id").asString()))
                .containsExactly(Instant.parse(grant.get("endsAt").asString()));
    }

    @Test
    void aScheduledGrantHasTimersAtItsStartAndItsEndThatRecordEachOnce() {
        Instant startsAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        JsonNode grant = grant(
                Map.of("resource", resource, "account", "admin", "duration", "PT1H", "startsAt", startsAt.toString()));
        String id = grant.get("id").asString();

        assertThat(timersOf(id)).containsExactly(startsAt, startsAt.plus(Duration.ofHours(1)));

        assertThat(timers.fire(id)).isZero();
        clock.advance(Duration.ofHours(2));
        timers.fire(id);
        assertThat(timers.fire(id)).isZero();
        assertThat(auditActions(id)).containsExactly("request.approved", "grant.scheduled", "grant.started");
        clock.advance(Duration.ofHours(1));
        timers.fire(id);
        assertThat(timers.fire(id)).isZero();
        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.scheduled", "grant.started", "grant.expired");
        assertThat(auditNote(id, "grant.started"))
                .isEqualTo(dev + " may use admin@" + resource + " until " + startsAt.plus(Duration.ofHours(1)));
    }

    private String scheduledGrantThatHasAlreadyEnded() {
        Instant startsAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = grant(Map.of(
                        "resource", resource, "account", "admin", "duration", "PT1H", "startsAt", startsAt.toString()))
                .get("id")
                .asString();
        clock.advance(Duration.ofHours(4));
        return id;
    }

    private String auditNote(String grantId, String action) {
        awaitSealed(grantId);
        return jdbc.sql("select note from audit_events where grant_id = ? and action = ?")
                .params(grantId, action)
                .query(String.class)
                .single();
    }

    private List<String> webhookEventsOf(String grantId, String webhook) {
        return jdbc.sql("select event_type from webhook_deliveries where grant_id = ? and webhook_id = ? order by seq")
                .params(grantId, webhook)
                .query(String.class)
                .list();
    }

    @Test
    void aGrantWhoseStartAndEndPassedUnseenIsRecordedAsStartedThenExpired() {
        String webhook = api.webhook("https://hooks.example.org/" + resource, "grant.started", "grant.ended");
        try {
            String id = scheduledGrantThatHasAlreadyEnded();

            timers.fire(id);
            assertThat(timers.fire(id)).isZero();

            assertThat(auditActions(id))
                    .containsExactly("request.approved", "grant.scheduled", "grant.started", "grant.expired");
            assertThat(webhookEventsOf(id, webhook)).containsExactly("grant.started", "grant.ended");
            String started = jdbc.sql("select payload from webhook_deliveries where grant_id = ? and webhook_id = ?"
                            + " and event_type = 'grant.started'")
                    .params(id, webhook)
                    .query(String.class)
                    .single();
            assertThat(started).contains("\"note\":\"" + auditNote(id, "grant.started") + "\"");
            assertThat(auditNote(id, "grant.started")).endsWith("while Countersign was not running");
        } finally {
            api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
        }
    }

    @Test
    void theSweepCatchingUpRecordsTheStartBeforeTheEnd() {
        String id = scheduledGrantThatHasAlreadyEnded();

        timers.sweep();

        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.scheduled", "grant.started", "grant.expired");
    }

    @Test
    void theStartRecordedAfterTheEndSaysTheAccessAlreadyEnded() {
        String id = scheduledGrantThatHasAlreadyEnded();

        timers.sweep();

        JsonNode grant =
                api.as(devToken).get("/api/v1/grants/" + id).expect(200).json();
        assertThat(auditNote(id, "grant.started"))
                .isEqualTo("access of " + dev + " to admin@" + resource + " started at "
                        + Instant.parse(grant.get("startsAt").asString()) + " and ended at "
                        + Instant.parse(grant.get("endsAt").asString()) + " while Countersign was not running");
    }

    @Test
    void instancesCatchingUpAtOnceRecordTheStartAndTheEndOnce() throws Exception {
        String id = scheduledGrantThatHasAlreadyEnded();

        List<Callable<Integer>> catchUps = List.of(() -> timers.fire(id), () -> timers.fire(id), timers::sweep);
        try (Race race = new Race(catchUps.size())) {
            race.run(catchUps);
        }

        assertThat(auditActions(id))
                .containsExactly("request.approved", "grant.scheduled", "grant.started", "grant.expired");
    }

    @Test
    void theEndTimerOfARevokedGrantDoesNothing() {
        String id = grant(Map.of("resource", resource, "account", "admin", "duration", "PT1H"))
                .get("id")
                .asString();
        api.as(devToken)
                .post("/api/v1/grants/" + id + "/revoke", Api.json(Map.of("reason", "done")))
                .expect(200);

        clock.advance(Duration.ofHours(1));

        assertThat(timers.fire(id)).isZero();
        assertThat(jdbc.sql("select status from grants where id = ?")
                        .param(id)
                        .query(String.class)
                        .single())
                .isEqualTo("REVOKED");
    }
}
