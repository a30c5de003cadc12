package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.request.RequestTimers;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Who is told what as real requests move, through the sender of the {@code TEST} channel. */
@NotificationTest
class NotificationSeamTests extends NotificationSceneTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    RequestTimers timers;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    Person tom;
    Person carol;

    @BeforeEach
    void people() {
        tom = scene.person("tom");
        carol = scene.person("carol");
    }

    @Test
    void aStepThatOpensTellsEachOfItsApproversOnceWithTheRequestAndStep() {
        String id = scene.pending(dev, List.of(step(1, lisa, tom), step(1, carol)));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> sender.acceptedFor(lisa.id()).size() == 1
                        && sender.acceptedFor(tom.id()).size() == 1);
        Notification told = sender.acceptedFor(lisa.id()).get(0);
        assertThat(told.kind()).isEqualTo(NotificationKind.STEP_OPENED);
        assertThat(told.requestId()).isEqualTo(id);
        assertThat(told.step()).isZero();
        assertThat(told.data()).containsEntry("requiredApprovals", 1);
        assertThat(told.eventId()).isEqualTo(sender.acceptedFor(tom.id()).get(0).eventId());
        assertThat(told.deliveryId())
                .isNotEqualTo(sender.acceptedFor(tom.id()).get(0).deliveryId());
        assertThat(sender.acceptedFor(carol.id())).isEmpty();
        assertThat(sender.acceptedFor(dev.id())).isEmpty();

        scene.awaitNothingDue();
        JsonNode notified = scene.notifiedAbout(id);
        assertThat(notified.valueStream().map(n -> n.get("recipient").asString()))
                .containsExactlyInAnyOrder(lisa.name(), tom.name());
        assertThat(notified.get(0).get("channel").asString()).isEqualTo("TEST");
        assertThat(notified.get(0).get("kind").asString()).isEqualTo("step_opened");
        assertThat(notified.get(0).get("step").asInt()).isZero();
        assertThat(notified.get(0).get("state").asString()).isEqualTo("DELIVERED");
        assertThat(notified.get(0).get("at").isNull()).isFalse();
    }

    @Test
    void theNextStepsApproversAreToldWhenTheFirstIsApprovedAndTheRequesterWhenAllAre() {
        String id = scene.pending(dev, List.of(step(1, lisa), step(1, carol)));

        scene.approve(lisa, id);
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(carol.id()).isEmpty());
        assertThat(sender.acceptedFor(carol.id()).get(0).step()).isOne();
        assertThat(sender.acceptedFor(dev.id())).isEmpty();

        scene.approve(carol, id);
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(dev.id()).isEmpty());
        Notification decided = sender.acceptedFor(dev.id()).get(0);
        assertThat(decided.kind()).isEqualTo(NotificationKind.REQUEST_DECIDED);
        assertThat(decided.data())
                .containsEntry("outcome", "APPROVED")
                .containsEntry("by", carol.name())
                .containsEntry("comment", "ok");
        assertThat(sender.acceptedFor(lisa.id())).hasSize(1);
    }

    @Test
    void aPartialApprovalTellsTheRequesterTheGrantedAndTheRequestedDurations() {
        String id = scene.pending(dev, List.of(step(1, lisa)));

        api.as(lisa.token())
                .post("/api/v1/requests/" + id + "/approve", "{\"duration\":\"PT15M\"}")
                .expect(200);

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(dev.id()).isEmpty());
        assertThat(sender.acceptedFor(dev.id()).get(0).data())
                .containsEntry("outcome", "APPROVED")
                .containsEntry("grantedDuration", "PT15M")
                .containsEntry("requestedDuration", "PT1H");
    }

    @Test
    void aRejectionTellsTheRequesterWhyButACancellationTellsNobody() {
        String rejected = scene.pending(dev, List.of(step(1, lisa)));
        api.as(lisa.token())
                .post("/api/v1/requests/" + rejected + "/reject", Api.json(Map.of("comment", "not today")))
                .expect(200);
        String cancelled = scene.pending(dev, List.of(step(1, lisa)));
        api.as(dev.token())
                .post("/api/v1/requests/" + cancelled + "/cancel", null)
                .expect(200);

        scene.awaitNothingDue();
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(dev.id()).isEmpty());
        scene.awaitNothingDue();
        assertThat(sender.acceptedFor(dev.id())).singleElement().satisfies(n -> {
            assertThat(n.requestId()).isEqualTo(rejected);
            assertThat(n.data()).containsEntry("outcome", "REJECTED").containsEntry("comment", "not today");
        });
    }

    @Test
    void theRequesterIsNeverAskedToApproveTheirOwnRequest() {
        String id = scene.pending(dev, List.of(step(1, dev, lisa)));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
        scene.awaitNothingDue();
        assertThat(scene.notifiedAbout(id)
                        .valueStream()
                        .map(n -> n.get("recipient").asString()))
                .containsExactly(lisa.name());
    }

    @Test
    void anEscalationTellsOnlyTheApproversItAdds() {
        Map<String, Object> escalating = step(1, lisa);
        escalating.put("timeout", "PT30M");
        escalating.put("onTimeout", "ESCALATE");
        escalating.put("escalateTo", List.of(Map.of("user", carol.name())));
        String id = scene.pending(dev, List.of(escalating));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(lisa.id()).isEmpty());

        clock.advance(Duration.ofMinutes(31));
        timers.fire(id);

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(carol.id()).isEmpty());
        assertThat(sender.acceptedFor(carol.id())).singleElement().satisfies(n -> {
            assertThat(n.kind()).isEqualTo(NotificationKind.STEP_ESCALATED);
            assertThat(n.step()).isZero();
            assertThat(n.data()).containsKey("deadline");
        });
        scene.awaitNothingDue();
        assertThat(sender.acceptedFor(lisa.id())).hasSize(1);
    }

    @Test
    void anApprovalNotificationSaysByWhenToDecideWhenTheRequestExpiresBeforeTheStepDeadline() {
        Map<String, Object> escalating = step(1, lisa);
        escalating.put("timeout", "PT30M");
        escalating.put("onTimeout", "ESCALATE");
        escalating.put("escalateTo", List.of(Map.of("user", carol.name())));
        JsonNode request = scene.request(dev, List.of(escalating), Map.of("requestTtl", "PT45M"));
        String id = request.get("id").asString();
        String expiresAt = request.get("expiresAt").asString();
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
        // the step's deadline comes first: it is also the moment to decide by
        Map<String, Object> opened = sender.acceptedFor(lisa.id()).get(0).data();
        assertThat(opened).containsKey("deadline");
        assertThat(opened).containsEntry("decideBy", opened.get("deadline"));

        clock.advance(Duration.ofMinutes(31));
        timers.fire(id);

        // the fresh deadline falls after the request's expiry, which is then when to decide by
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(carol.id()).isEmpty());
        Map<String, Object> escalated = sender.acceptedFor(carol.id()).get(0).data();
        assertThat(Instant.parse((String) escalated.get("deadline"))).isAfter(Instant.parse(expiresAt));
        assertThat(escalated).containsEntry("decideBy", expiresAt);
    }

    @Test
    void aStepWhoseDeadlineFallsAfterTheRequestsExpirySaysToDecideByThatExpiry() {
        Map<String, Object> slow = step(1, lisa);
        slow.put("timeout", "PT2H");
        JsonNode request = scene.request(dev, List.of(slow), Map.of("requestTtl", "PT1H"));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
        Map<String, Object> opened = sender.acceptedFor(lisa.id()).get(0).data();
        assertThat(opened)
                .containsEntry(
                        "deadline", request.get("steps").get(0).get("deadline").asString())
                .containsEntry("decideBy", request.get("expiresAt").asString());
    }

    @Test
    void aRequestThatExpiresTellsTheRequester() {
        String id = scene.request(dev, List.of(step(1, lisa)), Map.of("requestTtl", "PT1H"))
                .get("id")
                .asString();

        clock.advance(Duration.ofMinutes(61));
        timers.fire(id);

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.acceptedFor(dev.id()).isEmpty());
        assertThat(sender.acceptedFor(dev.id()).get(0).data()).containsEntry("outcome", "EXPIRED");
    }

    @Test
    void aRealApprovalStillReachesWebhooksAsRequestApprovedAndGrantStarted() {
        String webhook = scene.webhook("/approvals", "request.approved", "grant.started", "request.step_started");
        try {
            String id = scene.pending(dev, List.of(step(1, lisa)));
            scene.approve(lisa, id);

            assertThat(jdbc.sql("""
                            select event_type from webhook_deliveries
                            where webhook_id = ? and payload like ? order by seq""")
                            .params(webhook, "%" + id + "%")
                            .query(String.class)
                            .list())
                    .containsExactlyInAnyOrder("request.step_started", "request.approved", "grant.started");
        } finally {
            api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
        }
    }

    @Test
    void anEventAboutARequestThatDoesNotExistTellsNobodyAndStillCommits() {
        String webhook = scene.webhook("/unknown", "request.step_started", "request.rejected");
        try {
            transactions.executeWithoutResult(tx -> {
                events.publishEvent(TestEvent.request("request.step_started", "req-nowhere01"));
                events.publishEvent(TestEvent.request("request.rejected", "req-nowhere01"));
            });

            assertThat(jdbc.sql("select channel from webhook_deliveries where payload like ?")
                            .param("%req-nowhere01%")
                            .query(String.class)
                            .list())
                    .containsExactly("WEBHOOK", "WEBHOOK");
        } finally {
            api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);
        }
    }

    @Test
    void aChannelWithoutASenderGetsNoDeliveries() {
        scene.defaultsTo(List.of("SLACK"));

        String id = scene.pending(dev, List.of(step(1, lisa)));

        assertThat(scene.notifiedAbout(id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from webhook_deliveries where request_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
