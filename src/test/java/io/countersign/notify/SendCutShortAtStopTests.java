package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.OtherInstanceDispatchers;
import io.countersign.testing.MutableClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An instance stops while one of its sends waits on a server that neither answers nor lets go, which no
 * interrupt ends (a blocking socket read): the delivery is given back, due again at once, for another
 * instance or a restart, rather than left to its lease.
 */
@WebhookTest
class SendCutShortAtStopTests {

    @Autowired
    WebhookFixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryDispatcher dispatcher;

    HeldReceiver endpoint;
    DeliveryDispatcher stopping;
    String hook;

    @BeforeEach
    void anEndpointThatHoldsEveryEvent() throws Exception {
        fixtures.deleteAllWebhooks();
        endpoint = new HeldReceiver();
        hook = fixtures.create(endpoint.url(), "cut-short-secret-0123456789", "request.created");
        stopping = OtherInstanceDispatchers.of(context);
    }

    @AfterEach
    void releaseTheEndpoint() throws Exception {
        endpoint.close();
        await().atMost(WebhookFixtures.PATIENCE)
                .until(() -> dispatcher.sendsInFlight() == 0 && stopping.sendsInFlight() == 0);
        fixtures.deleteAllWebhooks();
    }

    @Test
    void aSendStillWaitingWhenTheInstanceStopsIsDueAgainAtOnce() throws Exception {
        fixtures.publish(TestEvent.request("request.created", "req-stop0001"));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> endpoint.received().size() == 1);
        // this instance sends the endpoint one event at a time: the second is left to the stopping one
        fixtures.publish(TestEvent.request("request.created", "req-stop0002"));
        assertThat(stopping.deliverDue(Delivery.WEBHOOK)).isEqualTo(1);
        await().atMost(WebhookFixtures.PATIENCE).until(() -> endpoint.received().size() == 2);

        stopping.destroy();

        assertThat(nextAttemptOf("req-stop0002"))
                .as("due again at once, not at the end of the stopped instance's lease")
                .isBeforeOrEqualTo(clock.instant());
        assertThat(attemptsOf("req-stop0002")).isZero();
    }

    private Instant nextAttemptOf(String requestId) {
        return jdbc.sql("select next_attempt_at from webhook_deliveries where webhook_id = ? and payload like ?")
                .params(hook, "%" + requestId + "%")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    private int attemptsOf(String requestId) {
        return jdbc.sql("select attempts from webhook_deliveries where webhook_id = ? and payload like ?")
                .params(hook, "%" + requestId + "%")
                .query(Integer.class)
                .single();
    }
}
