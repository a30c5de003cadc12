package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.NotificationProperties;
import io.countersign.notify.internal.OtherInstanceDispatchers;
import io.countersign.shared.AuditableEvent;
import io.countersign.testing.MutableClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A webhook endpoint that refuses connections, found unreachable by this instance: instances that
 * have not met it themselves leave it alone while it rests, and once the rest is over it gets one
 * probe, not one from each instance.
 */
@WebhookTest
class EndpointRestAcrossInstancesTests {

    @Autowired
    WebhookFixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    NotificationProperties notifications;

    @Autowired
    DeliveryDispatcher dispatcher;

    String dead;
    List<DeliveryDispatcher> otherInstances;

    @BeforeEach
    void eventsQueuedForAnEndpointThatRefusesConnections() throws IOException {
        fixtures.deleteAllWebhooks();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        dead = fixtures.create(
                "http://127.0.0.1:" + closedPort + "/hook", "refused-secret-0123456789", "request.created");
        otherInstances = List.of(OtherInstanceDispatchers.of(context), OtherInstanceDispatchers.of(context));
        fixtures.publish(IntStream.range(0, 5)
                .mapToObj(i -> TestEvent.request("request.created", "req-rest%04d".formatted(i)))
                .toArray(AuditableEvent[]::new));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> attempts() == 1 && allSent());
    }

    @AfterEach
    void removeTheEndpoint() throws Exception {
        for (DeliveryDispatcher other : otherInstances) {
            other.destroy();
        }
        fixtures.deleteAllWebhooks();
    }

    @Test
    void anotherInstanceLeavesTheEndpointAloneWhileItRests() throws InterruptedException {
        for (DeliveryDispatcher other : otherInstances) {
            assertThat(other.deliverDue(Delivery.WEBHOOK)).isZero();
        }

        assertThat(attempts()).isEqualTo(1);
    }

    @Test
    void theEventsWaitingForTheEndpointShowTheEndOfItsRestAsTheirNextAttempt() {
        Instant restEnd = jdbc.sql("select rests_until from webhooks where id = ?")
                .param(dead)
                .query(OffsetDateTime.class)
                .single()
                .toInstant();

        assertThat(fixtures.deliveries(dead)
                        .valueStream()
                        .filter(d -> d.get("state").asString().equals("PENDING"))
                        .map(d -> Instant.parse(d.get("nextAttemptAt").asString())))
                .hasSize(5)
                .allSatisfy(next -> assertThat(next).isAfterOrEqualTo(restEnd))
                .contains(restEnd);
    }

    @Test
    void onceTheRestIsOverOneInstanceProbesTheEndpoint() throws InterruptedException {
        clock.advance(notifications.unreachablePause().plusSeconds(1));

        int started = 0;
        for (DeliveryDispatcher other : otherInstances) {
            started += other.deliverDue(Delivery.WEBHOOK);
        }
        await().atMost(WebhookFixtures.PATIENCE).until(() -> attempts() >= 2 && allSent());
        for (DeliveryDispatcher other : otherInstances) {
            started += other.deliverDue(Delivery.WEBHOOK);
        }

        assertThat(started).isLessThanOrEqualTo(1);
        assertThat(attempts())
                .as("one probe after the rest, by whichever instance claimed it")
                .isEqualTo(2);
    }

    private boolean allSent() {
        return dispatcher.sendsInFlight() == 0 && otherInstances.stream().allMatch(other -> other.sendsInFlight() == 0);
    }

    private long attempts() {
        return jdbc.sql("select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id"
                        + " where d.webhook_id = ?")
                .param(dead)
                .query(Long.class)
                .single();
    }
}
