package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.attempted;
import static io.countersign.notify.WebhookFixtures.inState;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.notify.internal.DeliveryRetention;
import io.countersign.notify.internal.Signatures;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@WebhookTest
class WebhookDeliveryTests extends WebhookReceiverTestBase {

    static final String SECRET = "first-secret-0123456789";

    @Autowired
    MutableClock clock;

    @Autowired
    Api api;

    @Autowired
    DeliveryRetention retention;

    @Test
    void everyEventArrivesSignedAndRetriesCarryTheSameEventId() {
        receiver.failNext(2);
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created", "request.rejected");

        fixtures.publish(TestEvent.request("request.created", "req-aaaa1111"));
        fixtures.publish(TestEvent.request("request.rejected", "req-aaaa1111"));
        fixtures.awaitReceived(receiver, 2);
        fixtures.awaitNothingDue();
        fixtures.advanceAndSettle(Duration.ofSeconds(10));
        fixtures.awaitReceived(receiver, 4);

        List<Receiver.Received> received = receiver.received();
        assertThat(received).hasSize(4);
        assertThat(received.stream().filter(r -> !r.accepted())).hasSize(2);
        assertThat(received.stream().map(Receiver.Received::eventId).collect(Collectors.toSet()))
                .hasSize(2);
        assertThat(receiver.accepted().stream().map(Receiver.Received::eventId).collect(Collectors.toSet()))
                .hasSize(2);
        for (Receiver.Received r : received) {
            assertThat(r.contentType()).startsWith("application/json");
            assertThat(r.signature())
                    .isEqualTo("v1=" + Signatures.sign(SECRET, Long.parseLong(r.timestamp()), r.body()));
            assertThat(r.json().get("id").asString()).isEqualTo(r.eventId());
        }
        JsonNode rejected = receiver.accepted().stream()
                .map(Receiver.Received::json)
                .filter(json -> json.get("type").asString().equals("request.rejected"))
                .findFirst()
                .orElseThrow();
        assertThat(rejected.get("data").get("requestId").asString()).isEqualTo("req-aaaa1111");
        assertThat(rejected.get("data").get("actor").asString()).isEqualTo("dev");
        assertThat(rejected.get("data").get("channel").asString()).isEqualTo("API");
        assertThat(Instant.parse(rejected.get("occurredAt").asString())).isNotNull();

        fixtures.awaitEveryDelivery(webhook, inState("DELIVERED"));
        JsonNode attempts = fixtures.deliveries(webhook).get(0).get("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).get("succeeded").asBoolean()).isFalse();
        assertThat(attempts.get(0).get("statusCode").asInt()).isEqualTo(500);
        assertThat(attempts.get(0).get("nextAttemptAt").isNull()).isFalse();
        assertThat(attempts.get(1).get("statusCode").asInt()).isEqualTo(200);
    }

    @Test
    void retriesWaitTenSecondsThenTwiceAsLongEachTimeAndNothingIsSentBeforeItIsDue() {
        receiver.down();
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created");
        fixtures.publish(TestEvent.request("request.created", "req-bbbb2222"));
        fixtures.awaitReceived(receiver, 1);
        fixtures.awaitNothingDue();

        fixtures.advanceAndSettle(Duration.ofSeconds(7));
        assertThat(receiver.received()).hasSize(1);
        fixtures.advanceAndSettle(Duration.ofSeconds(3));
        fixtures.awaitReceived(receiver, 2);
        fixtures.advanceAndSettle(Duration.ofSeconds(20));
        fixtures.awaitReceived(receiver, 3);
        fixtures.advanceAndSettle(Duration.ofSeconds(40));
        fixtures.awaitReceived(receiver, 4);

        JsonNode attempts = fixtures.onlyDelivery(webhook).get("attempts");
        assertThat(attempts).hasSize(4);
        long[] expected = {10, 20, 40, 80};
        for (int i = 0; i < attempts.size(); i++) {
            Instant at = Instant.parse(attempts.get(i).get("attemptedAt").asString());
            Instant next = Instant.parse(attempts.get(i).get("nextAttemptAt").asString());
            Duration wait = Duration.between(at, next);
            assertThat(wait).isBetween(Duration.ofMillis(expected[i] * 800), Duration.ofSeconds(expected[i]));
            assertThat(attempts.get(i).get("error").asString()).isEqualTo("answered HTTP 500");
        }
        assertThat(receiver.received().stream().map(Receiver.Received::eventId).distinct())
                .hasSize(1);
    }

    @Test
    void aDeliveryFailingForADayIsDeadLetteredAndRedeliveredWithTheSameEventId() {
        receiver.down();
        String webhook = fixtures.create(receiver.url(), SECRET, "request.rejected");
        fixtures.publish(TestEvent.request("request.rejected", "req-cccc3333"));
        fixtures.awaitReceived(receiver, 1);
        fixtures.awaitNothingDue();

        fixtures.advanceAndSettle(Duration.ofHours(23));
        fixtures.awaitEveryDelivery(webhook, attempted(2));
        assertThat(fixtures.onlyDelivery(webhook).get("state").asString()).isEqualTo("PENDING");
        fixtures.advanceAndSettle(Duration.ofHours(2));
        fixtures.awaitEveryDelivery(webhook, inState("DEAD"));

        JsonNode dead = api.asAdmin()
                .get("/api/v1/webhooks/" + webhook + "/deliveries?state=DEAD")
                .expect(200)
                .json()
                .get("items");
        assertThat(dead).hasSize(1);
        // a choice is read in any case, as a request's status or an export's format is
        assertThat(api.asAdmin()
                        .get("/api/v1/webhooks/" + webhook + "/deliveries?state=dead")
                        .expect(200)
                        .json()
                        .get("items"))
                .isEqualTo(dead);
        assertThat(dead.get(0).get("attempts")).hasSize(3);
        assertThat(dead.get(0).get("nextAttemptAt").isNull()).isTrue();
        assertThat(api.asAdmin()
                        .get("/api/v1/webhooks/" + webhook + "/deliveries?state=PENDING")
                        .json()
                        .get("items"))
                .isEmpty();
        String deliveryId = dead.get(0).get("id").asString();
        String eventId = dead.get(0).get("eventId").asString();

        receiver.up();
        // a clock finer than the database's microseconds must still make the redelivery due at once
        clock.set(clock.instant().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS).plusNanos(999));
        var redelivered = api.asAdmin().post("/api/v1/webhooks/deliveries/" + deliveryId + "/redeliver", null);
        assertThat(redelivered.status()).isEqualTo(202);
        assertThat(redelivered.json().get("state").asString()).isEqualTo("PENDING");
        fixtures.awaitEveryDelivery(webhook, inState("DELIVERED"));

        assertThat(receiver.accepted()).singleElement().satisfies(r -> {
            assertThat(r.eventId()).isEqualTo(eventId);
            assertThat(r.json().get("id").asString()).isEqualTo(eventId);
        });
        assertThat(api.asAdmin()
                        .post("/api/v1/webhooks/deliveries/" + deliveryId + "/redeliver", null)
                        .status())
                .isEqualTo(409);
        assertThat(api.asAdmin()
                        .post("/api/v1/webhooks/deliveries/dlv-unknown0/redeliver", null)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aReceiverDownForAnHourLosesNothing() {
        receiver.down();
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created", "request.cancelled");
        for (int i = 0; i < 5; i++) {
            String request = "req-dddd000" + i;
            fixtures.publish(TestEvent.request("request.created", request));
            fixtures.publish(TestEvent.request("request.cancelled", request));
        }
        fixtures.awaitReceived(receiver, 10);
        fixtures.awaitNothingDue();
        for (int minutes = 0; minutes < 60; minutes += 10) {
            fixtures.advanceAndSettle(Duration.ofMinutes(10));
        }
        assertThat(receiver.accepted()).isEmpty();
        fixtures.awaitEveryDelivery(webhook, inState("PENDING"));

        receiver.up();
        fixtures.advanceAndSettle(Duration.ofHours(1));
        fixtures.awaitEveryDelivery(webhook, inState("DELIVERED"));

        Set<String> sent = fixtures.deliveries(webhook)
                .valueStream()
                .map(d -> d.get("eventId").asString())
                .collect(Collectors.toSet());
        assertThat(sent).hasSize(10);
        assertThat(receiver.accepted().stream().map(Receiver.Received::eventId).collect(Collectors.toSet()))
                .isEqualTo(sent);
    }

    @Test
    void aChangeWhoseTransactionRollsBackEnqueuesNothing() {
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created");

        fixtures.rolledBack(TestEvent.request("request.created", "req-eeee5555"));
        assertThat(fixtures.rows(webhook)).isZero();

        fixtures.publish(TestEvent.request("request.created", "req-eeee6666"));
        assertThat(fixtures.rows(webhook)).isOne();
        fixtures.awaitEveryDelivery(webhook, inState("DELIVERED"));
        assertThat(receiver.received())
                .singleElement()
                .satisfies(r -> assertThat(r.json().get("data").get("requestId").asString())
                        .isEqualTo("req-eeee6666"));
    }

    @Test
    void rotationSignsWithBothSecretsUntilTheOldOneIsRemoved() {
        String newSecret = "second-secret-9876543210";
        String webhook = fixtures.create(receiver.url(), SECRET, "request.cancelled");
        api.asAdmin()
                .post("/api/v1/webhooks/" + webhook + "/secrets", Api.json(java.util.Map.of("secret", newSecret)))
                .expect(201);

        fixtures.publish(TestEvent.request("request.cancelled", "req-ffff7777"));
        fixtures.awaitReceived(receiver, 1);
        Receiver.Received both = receiver.received().get(0);
        long timestamp = Long.parseLong(both.timestamp());
        assertThat(both.signature().split(","))
                .containsExactlyInAnyOrder(
                        "v1=" + Signatures.sign(SECRET, timestamp, both.body()),
                        "v1=" + Signatures.sign(newSecret, timestamp, both.body()));

        api.asAdmin().delete("/api/v1/webhooks/" + webhook + "/secrets/1").expect(200);
        fixtures.publish(TestEvent.request("request.cancelled", "req-ffff8888"));
        fixtures.awaitReceived(receiver, 2);
        Receiver.Received onlyNew = receiver.received().get(1);
        assertThat(onlyNew.signature())
                .isEqualTo("v1=" + Signatures.sign(newSecret, Long.parseLong(onlyNew.timestamp()), onlyNew.body()));
    }

    @Test
    void revokedAndExpiredGrantsArriveAsGrantEndedWithTheReason() {
        String webhook = fixtures.create(receiver.url(), SECRET, "grant.ended");

        fixtures.publish(TestEvent.grant("grant.started", "req-gggg0001", "grt-gggg0001"));
        fixtures.publish(TestEvent.grant("grant.revoked", "req-gggg0001", "grt-gggg0001"));
        fixtures.publish(TestEvent.grant("grant.expired", "req-gggg0002", "grt-gggg0002"));
        fixtures.awaitEveryDelivery(webhook, inState("DELIVERED"));

        assertThat(fixtures.deliveries(webhook)).hasSize(2);
        assertThat(receiver.accepted())
                .extracting(r -> r.json().get("type").asString())
                .containsOnly("grant.ended");
        assertThat(receiver.accepted())
                .extracting(r -> r.json().get("data").get("grantId").asString() + ":"
                        + r.json().get("data").get("reason").asString())
                .containsExactlyInAnyOrder("grt-gggg0001:revoked", "grt-gggg0002:expired");
    }

    @Test
    void oneEventSentToTwoEndpointsCarriesOneEventIdAndOnlySubscribersGetIt() throws Exception {
        try (Receiver other = new Receiver();
                Receiver uninterested = new Receiver()) {
            String first = fixtures.create(receiver.url(), SECRET, "request.step_started");
            String second = fixtures.create(other.url(), "other-secret-0123456789", "request.step_started");
            String third = fixtures.create(uninterested.url(), SECRET, "request.created");

            fixtures.publish(TestEvent.request("request.step_started", "req-hhhh0001"));
            fixtures.awaitEveryDelivery(first, inState("DELIVERED"));
            fixtures.awaitEveryDelivery(second, inState("DELIVERED"));

            assertThat(receiver.accepted().get(0).eventId())
                    .isEqualTo(other.accepted().get(0).eventId());
            assertThat(fixtures.rows(third)).isZero();
            assertThat(uninterested.received()).isEmpty();
        }
    }

    @Test
    void deliveriesAreListedNewestFirstPageByPage() {
        String webhook = fixtures.create(receiver.url(), SECRET, "request.created");
        for (int i = 1; i <= 5; i++) {
            fixtures.publish(TestEvent.request("request.created", "req-iiii000" + i));
        }
        String path = "/api/v1/webhooks/" + webhook + "/deliveries?limit=2";

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.asAdmin()
                    .get(cursor == null ? path : path + "&cursor=" + cursor)
                    .expect(200)
                    .json();
            page.get("items")
                    .valueStream()
                    .forEach(item -> listed.add(item.get("id").asString()));
            cursor = page.get("nextCursor").isNull()
                    ? null
                    : page.get("nextCursor").asString();
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(listed).isEqualTo(fixtures.deliveryIdsNewestFirst(webhook));
        for (String bad : List.of("limit=0", "limit=101", "cursor=abc", "state=LOST")) {
            assertThat(api.asAdmin()
                            .get("/api/v1/webhooks/" + webhook + "/deliveries?" + bad)
                            .status())
                    .as(bad)
                    .isEqualTo(400);
        }
    }

    @Test
    void deliveredEventsAreForgottenAfterTheRetentionWhileDeadLettersStay() throws Exception {
        try (Receiver broken = new Receiver().down()) {
            String working = fixtures.create(receiver.url(), SECRET, "request.expired");
            String failing = fixtures.create(broken.url(), SECRET, "request.expired");
            fixtures.publish(TestEvent.request("request.expired", "req-kkkk0001"));
            fixtures.awaitEveryDelivery(working, inState("DELIVERED"));
            fixtures.awaitReceived(broken, 1);
            fixtures.awaitNothingDue();
            fixtures.advanceAndSettle(Duration.ofHours(25));
            fixtures.awaitEveryDelivery(failing, inState("DEAD"));

            clock.advance(Duration.ofDays(28));
            assertThat(retention.purge()).isZero();
            clock.advance(Duration.ofDays(2));
            assertThat(retention.purge()).isOne();

            assertThat(fixtures.rows(working)).isZero();
            assertThat(fixtures.rows(failing)).isOne();
        }
    }
}
