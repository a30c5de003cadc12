package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.inState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.DueDeliveries;
import io.countersign.notify.internal.WebhookProperties;
import io.countersign.shared.AuditableEvent;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A webhook endpoint that answers, but slowly (within the read timeout, so it never rests as
 * unreachable): the other endpoints' events go out meanwhile, since a delivery run starts its sends and
 * returns without waiting for their answers; each delivery is claimed with a lease, so no two runs
 * attempt it at once, and one claimed by an instance that died is sent once the lease has run out.
 */
@WebhookTest
class SlowWebhookEndpointTests extends WebhookReceiverTestBase {

    static final String SECRET = "slow-endpoint-secret-0123456789";
    /** Well under the read timeout: a healthy endpoint's event goes out in a few hundred milliseconds. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);

    @Autowired
    WebhookProperties delivery;

    @Autowired
    DueDeliveries deliveries;

    @Autowired
    DeliveryDispatcher dispatcher;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    HeldReceiver slow;

    @BeforeEach
    void aReceiverThatHoldsItsAnswers() throws Exception {
        slow = new HeldReceiver();
    }

    @AfterEach
    void releaseTheSlowReceiver() {
        slow.close();
        await().atMost(WebhookFixtures.PATIENCE).until(() -> dispatcher.sendsInFlight() == 0);
    }

    @Test
    void anEndpointThatAnswersSlowlyDoesNotDelayAnotherEndpointsEvents() {
        String slowHook = fixtures.create(slow.url(), SECRET, "request.created");
        fixtures.create(receiver.url(), SECRET, "request.rejected");
        // more of the slow endpoint's events than there are sender threads
        fixtures.publish(IntStream.range(0, delivery.threads() + 2)
                .mapToObj(i -> TestEvent.request("request.created", "req-abcd%04d".formatted(i)))
                .toArray(AuditableEvent[]::new));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> !slow.received().isEmpty());

        fixtures.publish(TestEvent.request("request.rejected", "req-fade0001"));

        await().atMost(PROMPTLY).until(() -> receiver.accepted().size() == 1);
        assertThat(slow.answered()).isZero();
        // one send at a time to an endpoint: the slow one holds one sender thread, not all of them
        assertThat(slow.received()).hasSize(1);

        slow.release();
        fixtures.awaitEveryDelivery(slowHook, inState("DELIVERED"));
        assertThat(slow.received()).hasSize(delivery.threads() + 2).doesNotHaveDuplicates();
    }

    @Test
    void aDeliveryInFlightIsNotAttemptedAgainWhileItsSendIsWaitingForAnAnswer() throws Exception {
        String slowHook = fixtures.create(slow.url(), SECRET, "request.created");
        fixtures.publish(TestEvent.request("request.created", "req-abcd1001"));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> slow.received().size() == 1);

        // runs on this instance, even once the lease has run out, leave the endpoint with a send in flight
        clock.advance(Duration.ofHours(1));
        dispatcher.deliverDue(Delivery.WEBHOOK);
        dispatcher.deliverDue(Delivery.WEBHOOK);

        assertThat(slow.received()).hasSize(1);
        slow.release();
        fixtures.awaitEveryDelivery(slowHook, inState("DELIVERED"));
        assertThat(fixtures.onlyDelivery(slowHook).get("attempts")).hasSize(1);
        assertThat(slow.received()).hasSize(1);
    }

    @Test
    void ofTwoRunsThatReadTheSameDueDeliveryOnlyOneClaimsIt() {
        String hook = fixtures.create(receiver.url(), SECRET, "request.created");
        publishClaimedUntil(clock.instant().plus(Duration.ofHours(1)), "req-abcd2001");
        // two instances' runs, an hour and a half from now, both read the delivery before either claims it
        Instant later = clock.instant().plus(Duration.ofMinutes(90));
        List<DueDeliveries.Due> first = deliveries.dueOn(Delivery.WEBHOOK, later, 10);
        List<DueDeliveries.Due> second = deliveries.dueOn(Delivery.WEBHOOK, later, 10);
        assertThat(first)
                .singleElement()
                .extracting(DueDeliveries.Due::webhookId)
                .isEqualTo(hook);

        Instant leaseEnd = later.plus(Duration.ofSeconds(30));
        assertThat(deliveries.claim(first.get(0), later, leaseEnd)).isPresent();
        assertThat(deliveries.claim(second.get(0), later, leaseEnd)).isEmpty();
        // the claim is not an attempt
        assertThat(fixtures.onlyDelivery(hook).get("attempts")).isEmpty();
    }

    @Test
    void aDeliveryClaimedByAnInstanceThatDiedIsSentOnceItsLeaseHasRunOut() throws Exception {
        String hook = fixtures.create(receiver.url(), SECRET, "request.created");
        Duration lease = delivery.connectTimeout().plus(delivery.readTimeout()).plus(Duration.ofSeconds(15));
        publishClaimedUntil(clock.instant().plus(lease), "req-abcd3001");
        dispatcher.deliverDue(Delivery.WEBHOOK);
        assertThat(receiver.received()).isEmpty();

        clock.advance(lease.plusSeconds(1));

        fixtures.awaitEveryDelivery(hook, inState("DELIVERED"));
        assertThat(receiver.accepted()).hasSize(1);
        // a lease is not an attempt: the one attempt made is the first
        assertThat(fixtures.onlyDelivery(hook).get("attempts")).hasSize(1);
    }

    /** Queues an event as if another instance had claimed its delivery until {@code leaseEnd} and died. */
    private void publishClaimedUntil(Instant leaseEnd, String requestId) {
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(TestEvent.request("request.created", requestId));
            jdbc.sql(
                            "update webhook_deliveries set next_attempt_at = ? where state = 'PENDING' and channel = 'WEBHOOK'")
                    .param(leaseEnd.atOffset(java.time.ZoneOffset.UTC))
                    .update();
        });
    }
}
