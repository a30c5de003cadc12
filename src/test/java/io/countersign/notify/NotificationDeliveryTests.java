package io.countersign.notify;

import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.internal.DeliveryRetention;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/** Notifications go through the webhooks' outbox: retries with backoff, dead letters, redelivery. */
@NotificationTest
@ExtendWith(OutputCaptureExtension.class)
class NotificationDeliveryTests extends NotificationSceneTestBase {

    @Autowired
    RecordedEvents recorded;

    @Autowired
    NotificationDeliveries deliveries;

    @Autowired
    DeliveryRetention retention;

    private JsonNode onlyDeliveryTo(Person person) {
        List<JsonNode> deliveries = scene.deliveriesTo(person);
        assertThat(deliveries).hasSize(1);
        return deliveries.get(0);
    }

    private void awaitState(Person person, String state) {
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> scene.deliveriesTo(person).stream()
                        .allMatch(d -> d.get("state").asString().equals(state)));
    }

    @Test
    void aFailedSendIsTriedAgainWithBackoffAndTheSameIds() {
        sender.failNext(lisa.id(), 2);
        scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> sender.attemptedFor(lisa.id()).size() == 1);
        scene.awaitNothingDue();

        scene.advanceAndSettle(Duration.ofSeconds(10));
        scene.advanceAndSettle(Duration.ofSeconds(20));
        awaitState(lisa, "DELIVERED");

        assertThat(sender.attemptedFor(lisa.id())).hasSize(3);
        assertThat(sender.attemptedFor(lisa.id()).stream()
                        .map(n -> n.deliveryId() + "/" + n.eventId())
                        .distinct())
                .hasSize(1);
        JsonNode delivery = onlyDeliveryTo(lisa);
        assertThat(delivery.get("channel").asString()).isEqualTo("TEST");
        assertThat(delivery.get("recipient").asString()).isEqualTo(lisa.name());
        assertThat(delivery.get("type").asString()).isEqualTo("STEP_OPENED");
        assertThat(delivery.get("webhookId").isNull()).isTrue();
        JsonNode attempts = delivery.get("attempts");
        assertThat(attempts).hasSize(3);
        assertThat(attempts.get(0).get("error").asString()).isEqualTo("the test channel is down");
        Duration firstWait = Duration.between(
                Instant.parse(attempts.get(0).get("attemptedAt").asString()),
                Instant.parse(attempts.get(0).get("nextAttemptAt").asString()));
        assertThat(firstWait).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        assertThat(attempts.get(2).get("succeeded").asBoolean()).isTrue();
    }

    @Test
    void aNotificationFailingForADayIsDeadLetteredAuditedAndRedeliveredOnce() {
        sender.set(RecordingSender.Mode.FAIL);
        String id = scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> !sender.attemptedFor(lisa.id()).isEmpty());
        scene.awaitNothingDue();
        scene.advanceAndSettle(Duration.ofHours(23));
        scene.advanceAndSettle(Duration.ofHours(2));
        awaitState(lisa, "DEAD");

        String deliveryId = onlyDeliveryTo(lisa).get("id").asString();
        JsonNode dead = api.asAdmin()
                .get("/api/v1/notifications/deliveries?state=DEAD&channel=test&recipient=" + lisa.name())
                .expect(200)
                .json()
                .get("items");
        assertThat(dead.valueStream().map(d -> d.get("id").asString())).containsExactly(deliveryId);
        assertThat(recorded.actionsAbout("notification:" + deliveryId)).containsExactly("notification.delivery_dead");
        assertThat(recorded.about("notification:" + deliveryId).get(0).note())
                .startsWith("STEP_OPENED notification to " + lisa.name() + " on ")
                .endsWith(" attempts: the test channel is down");
        assertThat(scene.notifiedAbout(id).get(0).get("state").asString()).isEqualTo("DEAD");
        assertThat(api.asAdmin()
                        .post("/api/v1/webhooks/deliveries/" + deliveryId + "/redeliver", null)
                        .status())
                .isEqualTo(404);

        sender.set(RecordingSender.Mode.ACCEPT);
        api.asAdmin()
                .post("/api/v1/notifications/deliveries/" + deliveryId + "/redeliver", null)
                .expect(202);
        awaitState(lisa, "DELIVERED");

        assertThat(sender.acceptedFor(lisa.id()))
                .singleElement()
                .satisfies(n -> assertThat(n.deliveryId()).isEqualTo(deliveryId));
        assertThat(recorded.actionsAbout("notification:" + deliveryId))
                .containsExactly("notification.delivery_dead", "notification.redelivered");
        assertThat(api.asAdmin()
                        .post("/api/v1/notifications/deliveries/" + deliveryId + "/redeliver", null)
                        .status())
                .isEqualTo(409);
    }

    @Test
    void aNotificationNoLongerNeededIsSkippedWithoutADeadLetterOrAnAuditEntry(CapturedOutput output) {
        sender.set(RecordingSender.Mode.SKIP);
        String id = scene.pending(dev, List.of(step(1, lisa)));
        awaitState(lisa, "SKIPPED");

        JsonNode skipped = onlyDeliveryTo(lisa);
        String deliveryId = skipped.get("id").asString();
        assertThat(skipped.get("lastError").asString()).isEqualTo(RecordingSender.NOT_NEEDED);
        assertThat(skipped.get("nextAttemptAt").isNull()).isTrue();
        assertThat(scene.notifiedAbout(id).get(0).get("state").asString()).isEqualTo("SKIPPED");
        assertThat(api.asAdmin()
                        .get("/api/v1/notifications/deliveries?state=DEAD&recipient=" + lisa.name())
                        .expect(200)
                        .json()
                        .get("items"))
                .isEmpty();
        assertThat(api.asAdmin()
                        .get("/api/v1/notifications/deliveries?state=SKIPPED&recipient=" + lisa.name())
                        .expect(200)
                        .json()
                        .get("items")
                        .valueStream()
                        .map(d -> d.get("id").asString()))
                .containsExactly(deliveryId);
        assertThat(recorded.about("notification:" + deliveryId)).isEmpty();
        assertThat(output.getOut()).doesNotContain("Gave up delivering STEP_OPENED notification");

        scene.advanceAndSettle(Duration.ofHours(1));
        assertThat(sender.attemptedFor(lisa.id())).hasSize(1);
        assertThat(api.asAdmin()
                        .post("/api/v1/notifications/deliveries/" + deliveryId + "/redeliver", null)
                        .status())
                .isEqualTo(409);

        scene.advanceAndSettle(Duration.ofDays(31));
        retention.purge();
        assertThat(scene.deliveriesTo(lisa)).isEmpty();
    }

    @Test
    void aNotificationForAChannelThatIsNotSetUpWaitsWithoutAttemptsUntilTheChannelIsResumed() {
        sender.set(RecordingSender.Mode.WAIT);
        Instant queuedAt = scene.now();
        scene.pending(dev, List.of(step(1, lisa)));

        JsonNode waiting = onlyDeliveryTo(lisa);
        assertThat(waiting.get("state").asString()).isEqualTo("PENDING");
        assertThat(waiting.get("lastError").asString()).isEqualTo(RecordingSender.WAITING_FOR);
        assertThat(waiting.get("attempts")).isEmpty();
        assertThat(Instant.parse(waiting.get("nextAttemptAt").asString()))
                .isAfterOrEqualTo(queuedAt.plus(SendResult.WAITING));
        scene.advanceAndSettle(Duration.ofMinutes(30));
        assertThat(sender.attemptedFor(lisa.id())).isEmpty();

        sender.set(RecordingSender.Mode.ACCEPT);
        assertThat(deliveries.resume(RecordingSender.CHANNEL)).isEqualTo(1);
        awaitState(lisa, "DELIVERED");

        assertThat(sender.attemptedFor(lisa.id())).hasSize(1);
        assertThat(onlyDeliveryTo(lisa).get("attempts")).hasSize(1);
    }

    @Test
    void aChannelThatStopsBeingSetUpLeavesItsDeliveriesWaitingAfterOneAttempt() {
        sender.set(RecordingSender.Mode.FAIL);
        scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> sender.attemptedFor(lisa.id()).size() == 1);
        scene.awaitNothingDue();
        sender.set(RecordingSender.Mode.WAIT);

        scene.advanceAndSettle(Duration.ofSeconds(10));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> sender.attemptedFor(lisa.id()).size() == 2);
        scene.awaitNothingDue();
        scene.advanceAndSettle(Duration.ofMinutes(59));

        assertThat(sender.attemptedFor(lisa.id())).hasSize(2);
        JsonNode attempts = onlyDeliveryTo(lisa).get("attempts");
        assertThat(attempts.get(1).get("error").asString()).isEqualTo(RecordingSender.WAITING_FOR);
        assertThat(Duration.between(
                        Instant.parse(attempts.get(1).get("attemptedAt").asString()),
                        Instant.parse(attempts.get(1).get("nextAttemptAt").asString())))
                .isGreaterThanOrEqualTo(SendResult.WAITING);
    }

    @Test
    void aRefusedNotificationIsDeadAtOnce() {
        sender.set(RecordingSender.Mode.REFUSE);
        scene.pending(dev, List.of(step(1, lisa)));

        awaitState(lisa, "DEAD");

        assertThat(onlyDeliveryTo(lisa).get("attempts")).hasSize(1);
        assertThat(onlyDeliveryTo(lisa).get("lastError").asString()).startsWith("no address for");
    }

    @Test
    void aSenderThatThrowsFailsTheAttemptInWordsWithoutItsClassOrAddress(CapturedOutput output) {
        sender.set(RecordingSender.Mode.THROW);
        scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> scene.deliveriesTo(lisa).stream().anyMatch(d -> d.hasNonNull("lastError")));

        assertThat(onlyDeliveryTo(lisa).get("lastError").asString())
                .isEqualTo("the TEST sender failed unexpectedly; see the service log");
        assertOneWarningWithoutTrace(
                output,
                "the TEST sender failed (unexpected IllegalStateException); its stack trace is logged at DEBUG");
    }

    @Test
    void aSenderThatThrowsARefusedConnectionSaysSoWithoutItsClassOrAddress(CapturedOutput output) {
        sender.set(RecordingSender.Mode.THROW_REFUSED);
        scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(NotificationScene.PATIENCE)
                .until(() -> scene.deliveriesTo(lisa).stream().anyMatch(d -> d.hasNonNull("lastError")));

        String lastError = onlyDeliveryTo(lisa).get("lastError").asString();
        assertThat(lastError).isEqualTo("the TEST sender failed: connection refused");
        assertThat(lastError).doesNotContain("Exception", RecordingSender.ADDRESS);
        assertOneWarningWithoutTrace(output, "the TEST sender failed (connection refused)");
    }

    /** The log names the delivery and says why, without the exception's message or its stack frames. */
    private void assertOneWarningWithoutTrace(CapturedOutput output, String why) {
        String delivery = onlyDeliveryTo(lisa).get("id").asString();
        assertThat(output.getAll())
                .contains("WARN", "Delivery " + delivery + " on TEST: " + why)
                .doesNotContain(RecordingSender.ADDRESS)
                .doesNotContain("at io.countersign.notify.RecordingSender.send(");
    }

    @Test
    void onlyAdministratorsListAndRedeliverNotifications() {
        assertThat(api.as(lisa.token()).get("/api/v1/notifications/deliveries").status())
                .isEqualTo(403);
        assertThat(api.as(lisa.token())
                        .post("/api/v1/notifications/deliveries/dlv-x/redeliver", null)
                        .status())
                .isEqualTo(403);
        assertThat(api.asAdmin()
                        .get("/api/v1/notifications/deliveries?limit=0&cursor=x&channel=FAX")
                        .json()
                        .get("errors"))
                .hasSize(3);
        assertThat(api.asAdmin()
                        .get("/api/v1/notifications/deliveries?channel=FAX")
                        .json()
                        .get("errors")
                        .get(0)
                        .get("code")
                        .asString())
                .isEqualTo("unknown_channel");
        assertThat(api.asAdmin()
                        .post("/api/v1/notifications/deliveries/dlv-unknown0/redeliver", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void anUnknownStateIsReportedWithEveryOtherWrongFilter() {
        JsonNode errors = api.asAdmin()
                .get("/api/v1/notifications/deliveries?state=BOGUS&channel=FAX")
                .expect(400)
                .json()
                .get("errors");

        List<String> fields = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        errors.forEach(error -> {
            fields.add(error.get("field").asString());
            messages.add(error.get("message").asString());
        });
        assertThat(fields).containsExactlyInAnyOrder("state", "channel");
        assertThat(messages)
                .contains("must be one of PENDING, DELIVERED, DEAD, SKIPPED")
                .noneMatch(message -> message.contains("BOGUS"));
        assertThat(api.asAdmin()
                        .get("/api/v1/notifications/deliveries?state=DEAD&channel=EMAIL")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void whoWasNotifiedAboutARequestIsForThoseWhoMaySeeIt() {
        Person stranger = scene.person("stranger");
        String id = scene.pending(dev, List.of(step(1, lisa)));

        assertThat(api.as(dev.token())
                        .get("/api/v1/requests/" + id + "/notifications")
                        .status())
                .isEqualTo(200);
        assertThat(api.as(stranger.token())
                        .get("/api/v1/requests/" + id + "/notifications")
                        .status())
                .isEqualTo(404);
    }
}
