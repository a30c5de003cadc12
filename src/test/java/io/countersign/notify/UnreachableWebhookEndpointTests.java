package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.inState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.WebhookProperties;
import io.countersign.shared.AuditableEvent;
import io.countersign.testing.MutableClock;
import io.countersign.testing.SilentServer;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A burst of events for a webhook endpoint that accepts connections and never answers, each attempt
 * holding a webhook sender for the read timeout: a healthy endpoint's events go out meanwhile, and the
 * dead endpoint rests instead of spending a sender and a timeout on every event queued for it.
 */
@WebhookTest
@Import(DeliveryRuns.class)
// batches smaller than the backlog: a batch filled with the resting endpoint's events would hide the rest
@TestPropertySource(
        properties = {"countersign.notify.webhooks.read-timeout=1s", "countersign.notify.webhooks.batch-size=4"})
class UnreachableWebhookEndpointTests extends WebhookReceiverTestBase {

    static final String SECRET = "unreachable-secret-0123456789";
    static final Duration PATIENCE = WebhookFixtures.PATIENCE;

    @Autowired
    WebhookProperties delivery;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryRuns runs;

    SilentServer silent;
    String dead;

    @BeforeEach
    void eventsQueuedForAnEndpointThatNeverAnswers() throws IOException {
        silent = new SilentServer();
        dead = fixtures.create("http://127.0.0.1:" + silent.port() + "/hook", SECRET, "request.created");
        fixtures.publish(IntStream.range(0, backlog())
                .mapToObj(i -> TestEvent.request("request.created", "req-dead%04d".formatted(i)))
                .toArray(AuditableEvent[]::new));
    }

    @AfterEach
    void stopTheSilentEndpointOnceTheWebhookRunIsDone() {
        awaitTwoMoreWebhookRuns();
        silent.close();
    }

    @Test
    void aHealthyEndpointsEventQueuedBehindTheBacklogIsSentBeforeTheBacklogHasBeenTried() {
        fixtures.create(receiver.url(), SECRET, "request.rejected");
        fixtures.publish(TestEvent.request("request.rejected", "req-a11ve001"));

        fixtures.awaitReceived(receiver, 1);

        // in due order the healthy event would wait until every event before it had timed out
        assertThat(attemptedForDeadEndpoint()).isLessThanOrEqualTo(delivery.threads());
        assertThat(receiver.accepted()).hasSize(1);
    }

    @Test
    void theDeadEndpointRestsAfterItFailedToAnswerInsteadOfTryingEveryEvent() {
        awaitTheEndpointResting();
        awaitTwoMoreWebhookRuns();

        assertThat(silent.unanswered()).isLessThanOrEqualTo(delivery.threads());
        assertThat(attemptedForDeadEndpoint()).isEqualTo((long) silent.unanswered());
        assertThat(pendingForDeadEndpoint())
                .as("the events not tried keep waiting, due")
                .isEqualTo((long) backlog());
    }

    @Test
    void eventsThatWaitedForTheEndpointAreDeliveredOnceItAnswersAgain() {
        awaitTheEndpointResting();

        silent.answering(receiver.port());
        // past the endpoint's rest and the first retry of the events that timed out
        clock.advance(Duration.ofMinutes(1));

        fixtures.awaitEveryDelivery(dead, inState("DELIVERED"));
        assertThat(fixtures.deliveries(dead)).hasSize(backlog());
        assertThat(receiver.accepted().stream().map(Receiver.Received::eventId).distinct())
                .hasSize(backlog());
    }

    private int backlog() {
        return 3 * delivery.threads();
    }

    /** Every event tried so far has timed out and been recorded: the endpoint rests. */
    private void awaitTheEndpointResting() {
        await().atMost(PATIENCE)
                .until(() -> silent.unanswered() > 0 && attemptedForDeadEndpoint() == silent.unanswered());
    }

    /** The webhook run under way, if any, has ended, and one more ran after it. */
    private void awaitTwoMoreWebhookRuns() {
        int runsBefore = runs.finished(Delivery.WEBHOOK);
        await().atMost(PATIENCE).until(() -> runs.finished(Delivery.WEBHOOK) >= runsBefore + 2);
    }

    private long attemptedForDeadEndpoint() {
        return jdbc.sql("select count(*) from webhook_deliveries where webhook_id = ? and attempts > 0")
                .param(dead)
                .query(Long.class)
                .single();
    }

    private long pendingForDeadEndpoint() {
        return jdbc.sql("select count(*) from webhook_deliveries where webhook_id = ? and state = 'PENDING'")
                .param(dead)
                .query(Long.class)
                .single();
    }
}
