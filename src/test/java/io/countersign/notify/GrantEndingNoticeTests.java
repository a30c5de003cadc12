package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.countersign.grant.GrantTimers;
import io.countersign.notify.internal.GrantEndingNotices;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** A holder is told the lead time (15 minutes by default) before their access ends, if it still runs. */
@NotificationTest
class GrantEndingNoticeTests extends NotificationSceneTestBase {

    static final String TASK = "grant-ending-notice";

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    GrantEndingNotices notices;

    @Autowired
    MutableClock clock;

    @Autowired
    GrantTimers timers;

    private JsonNode grantFor(String duration) {
        String id = scene.request(dev, List.of(step(1, lisa)), Map.of("maxDuration", "PT4H"))
                .get("id")
                .asString();
        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", Api.json(Map.of()))
                .expect(200);
        return api.as(dev.token())
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("grant");
    }

    private List<ScheduledExecution<Object>> noticesFor(String grantId) {
        return scheduler.getScheduledExecutionsForTask(TASK).stream()
                .filter(e -> e.getTaskInstance().getId().startsWith(grantId + "@"))
                .toList();
    }

    @Test
    void theNoticeIsScheduledTheLeadTimeBeforeTheEndAndTellsTheHolder() {
        JsonNode grant = grantFor("PT1H");
        String grantId = grant.get("id").asString();
        Instant endsAt = Instant.parse(grant.get("endsAt").asString());

        List<ScheduledExecution<Object>> scheduled = noticesFor(grantId);
        assertThat(scheduled)
                .singleElement()
                .satisfies(e -> assertThat(e.getExecutionTime()).isEqualTo(endsAt.minus(Duration.ofMinutes(15))));

        clock.set(endsAt.minus(Duration.ofMinutes(15)));
        assertThat(notices.fire(scheduled.get(0).getTaskInstance().getId())).isOne();

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(dev.id()).stream()
                        .filter(n -> n.kind() == NotificationKind.GRANT_ENDING)
                        .toList()
                        .isEmpty());
        Notification notice = sender.acceptedFor(dev.id()).stream()
                .filter(n -> n.kind() == NotificationKind.GRANT_ENDING)
                .findFirst()
                .orElseThrow();
        assertThat(notice.grantId()).isEqualTo(grantId);
        assertThat(notice.data()).containsEntry("endsAt", endsAt.toString());
    }

    @Test
    void aScheduledGrantWhoseEndPassedWhileNothingRanGetsNoNotice() {
        String resource = scene.resource(List.of(step(1, lisa)), Map.of());
        Instant startsAt = clock.instant().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String id = api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of(
                                "resource",
                                resource,
                                "account",
                                "admin",
                                "duration",
                                "PT1H",
                                "startsAt",
                                startsAt.toString())))
                .expect(201)
                .json()
                .get("id")
                .asString();
        scene.approve(lisa, id);
        String grantId = api.as(dev.token())
                .get("/api/v1/requests/" + id)
                .expect(200)
                .json()
                .get("grant")
                .get("id")
                .asString();

        clock.advance(Duration.ofHours(4));
        timers.sweep();

        assertThat(api.as(dev.token())
                        .get("/api/v1/grants/" + grantId)
                        .expect(200)
                        .json()
                        .get("status")
                        .asString())
                .isEqualTo("EXPIRED");
        assertThat(noticesFor(grantId)).isEmpty();
    }

    @Test
    void aRevokedGrantGetsNoNotice() {
        String grantId = grantFor("PT1H").get("id").asString();
        String instance = noticesFor(grantId).get(0).getTaskInstance().getId();
        api.as(dev.token())
                .post("/api/v1/grants/" + grantId + "/revoke", Api.json(Map.of("reason", "done")))
                .expect(200);

        assertThat(notices.fire(instance)).isZero();
    }

    @Test
    void aGrantShorterThanTheLeadTimeGetsNoNotice() {
        String id =
                scene.request(dev, List.of(step(1, lisa)), Map.of()).get("id").asString();
        api.as(dev.token()).get("/api/v1/requests/" + id).expect(200);
        String resource = api.asAdmin()
                .get("/api/v1/requests/" + id)
                .json()
                .get("resource")
                .asString();
        String shortOne = api.as(dev.token())
                .post(
                        "/api/v1/requests",
                        Api.json(Map.of("resource", resource, "account", "admin", "duration", "PT10M")))
                .expect(201)
                .json()
                .get("id")
                .asString();
        api.as(lisa.token())
                .post("/api/v1/requests/" + shortOne + "/approve", Api.json(Map.of()))
                .expect(200);
        String grantId = api.as(dev.token())
                .get("/api/v1/requests/" + shortOne)
                .json()
                .get("grant")
                .get("id")
                .asString();

        assertThat(noticesFor(grantId)).isEmpty();
    }
}
