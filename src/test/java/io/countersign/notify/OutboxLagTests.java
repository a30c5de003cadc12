package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.countersign.notify.internal.DueDeliveries;
import io.countersign.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The outbox's lag as its meters show it, with a delivery held back by pausing the scheduler that
 * sends deliveries while the service's clock moves on.
 */
@WebhookTest
class OutboxLagTests extends WebhookReceiverTestBase {

    @Autowired
    MutableClock clock;

    @Autowired
    Scheduler scheduler;

    @Autowired
    DueDeliveries deliveries;

    @Autowired
    MeterRegistry meters;

    @AfterEach
    void resumeTheScheduler() {
        scheduler.resume();
    }

    @Test
    void aDeliveryWaitingPastItsDueTimeShowsInTheOldestAgeAndItsFirstAttemptInTheLag() {
        fixtures.create(receiver.url(), "lag-secret-0123456789", "request.created");
        fixtures.awaitNothingDue();
        assertThat(oldestAge()).isZero();
        long countBefore = lag() == null ? 0 : lag().count();
        double secondsBefore = lag() == null ? 0 : lag().totalTime(TimeUnit.SECONDS);

        scheduler.pause();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler.getCurrentlyExecuting().isEmpty());
        fixtures.publish(TestEvent.request("request.created", "req-1a9a1a9a"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !deliveries.due(clock.instant(), 10).isEmpty());
        clock.advance(Duration.ofSeconds(90));

        assertThat(oldestAge()).isEqualTo(90.0);

        scheduler.resume();
        fixtures.awaitReceived(receiver, 1);
        fixtures.awaitNothingDue();
        assertThat(oldestAge()).isZero();
        assertThat(lag().count()).isEqualTo(countBefore + 1);
        assertThat(lag().totalTime(TimeUnit.SECONDS) - secondsBefore).isEqualTo(90.0);
    }

    @Test
    void theSchedulerMeasuresHowLateItStartedTheDeliveryTask() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            Timer lateness = meters.find("countersign.scheduler.execution.lateness")
                    .tag("task", "webhook-delivery")
                    .timer();
            return lateness != null && lateness.count() > 0;
        });
    }

    private Timer lag() {
        return meters.find("countersign.outbox.first.attempt.lag")
                .tag("channel", "WEBHOOK")
                .timer();
    }

    private double oldestAge() {
        return meters.get("countersign.outbox.oldest.age").gauge().value();
    }
}
