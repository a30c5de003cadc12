package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.WebhookProperties;
import io.countersign.shared.AuditableEvent;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An endpoint with a long queue of events that it answers at once: another endpoint's newer event
 * does not wait for that queue to drain, since each endpoint with an event due has its turn before
 * any has a second. One sender thread makes every send a choice between the two endpoints.
 */
@WebhookTest
@TestPropertySource(properties = "countersign.notify.webhooks.threads=1")
class BusyWebhookEndpointTests extends WebhookReceiverTestBase {

    static final String SECRET = "busy-endpoint-secret-0123456789";
    /** Long enough to drain the queue one event at a time, on PostgreSQL too. */
    static final Duration DRAINED = Duration.ofSeconds(90);

    @Autowired
    WebhookProperties delivery;

    Receiver busy;

    @BeforeEach
    void aReceiverWithALongQueue() throws Exception {
        // its first answer is held until the other endpoint's event is queued: answering at once, a fast
        // machine drained the whole queue before that event existed
        busy = new Receiver().hold();
    }

    @AfterEach
    void stopThatReceiver() {
        busy.release();
        busy.close();
    }

    @Test
    void anotherEndpointsEventGoesOutBeforeABusyEndpointsQueueHasDrained() {
        fixtures.create(busy.url(), SECRET, "request.created");
        fixtures.create(receiver.url(), SECRET, "request.cancelled");
        // more than a delivery run reads at once
        int queued = delivery.batchSize() + 20;
        fixtures.publish(IntStream.range(0, queued)
                .mapToObj(i -> TestEvent.request("request.created", "req-b0%06d".formatted(i)))
                .toArray(AuditableEvent[]::new));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> !busy.received().isEmpty());

        fixtures.publish(TestEvent.request("request.cancelled", "req-cafe0001"));
        busy.release();

        await().atMost(DRAINED).until(() -> receiver.accepted().size() == 1);
        assertThat(busy.received())
                .as("the busy endpoint's events sent by then")
                .hasSizeLessThan(queued);
        await().atMost(DRAINED).until(() -> busy.accepted().size() == queued);
        assertThat(busy.received()).extracting(Receiver.Received::eventId).doesNotHaveDuplicates();
    }
}
