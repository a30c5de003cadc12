package io.countersign.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;

/**
 * Deadlines fire by themselves, on the real clock, through their one-time tasks: the sweeps are set
 * to run once an hour here, so only those tasks can end anything within the test's patience. Each
 * test logs how late its timer fired.
 */
@SpringBootTest(properties = {"countersign.request.timer-interval=PT1H", "countersign.grant.timer-interval=PT1H"})
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(Api.class)
class TimersOnTimeTests extends DevAndLisaTestBase {

    private static final Logger log = LoggerFactory.getLogger(TimersOnTimeTests.class);
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Autowired
    JdbcClient jdbc;

    /** The audited time of the transition, once the sealer has chained it (just after its commit). */
    private Instant recorded(String column, String id, String action) {
        SystemActions actions = new SystemActions(jdbc);
        return await().atMost(PATIENCE).until(() -> actions.recordedAt(column, id, action), java.util.Objects::nonNull);
    }

    private Duration lateness(String what, Instant due, Instant fired) {
        Duration late = Duration.between(due, fired);
        log.info("{} timer fired {} ms after its due time", what, late.toMillis());
        return late;
    }

    @Test
    void aRequestExpiresWhenItsTimeToLiveEnds() {
        String resource = org.resource();
        org.policy(resource, List.of(Organisation.step("Review", 1, lisa)), Map.of("requestTtl", "PT2S"));
        JsonNode created = org.request(dev, resource);
        String id = created.get("id").asString();

        await().atMost(PATIENCE).until(() -> api.status(id).equals("EXPIRED"));

        Instant due = Instant.parse(created.get("expiresAt").asString());
        assertThat(lateness("request time-to-live", due, recorded("request_id", id, "request.expired")))
                .isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void aStepTimesOutAtItsDeadline() {
        String resource = org.resource();
        org.policy(resource, List.of(Organisation.timedStep("Manager", lisa, "PT2S", "REJECT")));
        JsonNode created = org.request(dev, resource);
        String id = created.get("id").asString();

        await().atMost(PATIENCE).until(() -> api.status(id).equals("REJECTED"));

        Instant due = Instant.parse(created.get("steps").get(0).get("deadline").asString());
        assertThat(lateness("step deadline", due, recorded("request_id", id, "request.rejected")))
                .isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void aScheduledGrantStartsAndEndsAtItsTimes() {
        String resource = org.resource();
        org.policy(resource, List.of());
        Instant startsAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.MILLIS);
        JsonNode grant = org.request(dev, resource, Map.of("startsAt", startsAt.toString(), "duration", "PT2S"))
                .get("grant");
        String id = grant.get("id").asString();

        await().atMost(PATIENCE).until(() -> recorded("grant_id", id, "grant.expired") != null);

        assertThat(lateness("grant start", startsAt, recorded("grant_id", id, "grant.started")))
                .isGreaterThanOrEqualTo(Duration.ZERO);
        assertThat(lateness(
                        "grant end",
                        Instant.parse(grant.get("endsAt").asString()),
                        recorded("grant_id", id, "grant.expired")))
                .isGreaterThanOrEqualTo(Duration.ZERO);
    }
}
