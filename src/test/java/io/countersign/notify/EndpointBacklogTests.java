package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.shared.AuditableEvent;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * An endpoint with events waiting behind the one being sent, which it accepts at once: the sender that
 * delivered one sends the next straight away, rather than each waiting for a delivery run of its own
 * (a wake, the scheduler's pickup and, on PostgreSQL, the acknowledgement hold), which held one
 * endpoint to about eight events a second.
 */
@WebhookTest
@Import(DeliveryRuns.class)
class EndpointBacklogTests extends WebhookReceiverTestBase {

    static final String SECRET = "backlog-endpoint-secret-0123456789";
    static final int QUEUED = 60;
    static final Pattern REQUEST_ID = Pattern.compile("\"requestId\":\"(req-b1\\d+)\"");

    @Autowired
    DeliveryRuns runs;

    Receiver backlogged;

    @BeforeEach
    void aReceiverThatHoldsItsFirstAnswer() throws Exception {
        // until every event is queued, so that they all wait behind the first send
        backlogged = new Receiver().hold();
    }

    @AfterEach
    void stopThatReceiver() {
        backlogged.release();
        backlogged.close();
    }

    @Test
    void anEndpointsQueuedEventsGoOutWithoutARunEach() {
        fixtures.create(backlogged.url(), SECRET, "request.created");
        fixtures.publish(TestEvent.request("request.created", "req-b1000000"));
        await().atMost(WebhookFixtures.PATIENCE)
                .until(() -> !backlogged.received().isEmpty());
        fixtures.publish(IntStream.range(1, QUEUED)
                .mapToObj(i -> TestEvent.request("request.created", "req-b1%06d".formatted(i)))
                .toArray(AuditableEvent[]::new));
        int runsBefore = runs.finished(Delivery.WEBHOOK);

        backlogged.release();

        await().atMost(BusyWebhookEndpointTests.DRAINED)
                .until(() -> backlogged.accepted().size() == QUEUED);
        assertThat(runs.finished(Delivery.WEBHOOK) - runsBefore)
                .as("delivery runs while the queue drained")
                .isLessThan(QUEUED / 3);
        assertThat(backlogged.received()).extracting(Receiver.Received::eventId).doesNotHaveDuplicates();
        assertThat(backlogged.received())
                .extracting(received -> REQUEST_ID
                        .matcher(received.body())
                        .results()
                        .findFirst()
                        .orElseThrow()
                        .group(1))
                .as("one endpoint's events go out oldest first")
                .isSortedAccordingTo(String::compareTo);
    }
}
