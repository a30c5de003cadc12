package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.inState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A second scheduler on the same database stands in for a second instance of the service: both run
 * the delivery task, and still every event is sent once.
 */
@WebhookTest
class WebhookDeliveryAcrossInstancesTests {

    @Autowired
    WebhookFixtures fixtures;

    @Autowired
    DataSource dataSource;

    @Autowired
    RecurringTask<Void> webhookDeliveryTask;

    Receiver receiver;
    Scheduler secondInstance;
    final AtomicInteger secondInstanceRuns = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        fixtures.deleteAllWebhooks();
        receiver = new Receiver();
        secondInstance = Scheduler.create(dataSource, webhookDeliveryTask)
                .schedulerName(new SchedulerName.Fixed("second-instance"))
                .pollingInterval(Duration.ofMillis(100))
                .threads(4)
                .alwaysPersistTimestampInUTC()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .addSchedulerListener(new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                        secondInstanceRuns.incrementAndGet();
                    }
                })
                .build();
        secondInstance.start();
    }

    @AfterEach
    void stop() {
        secondInstance.stop();
        fixtures.deleteAllWebhooks();
        receiver.close();
    }

    @Test
    void twoInstancesSharingTheDatabaseSendEachEventOnce() {
        String webhook = fixtures.create(receiver.url(), "shared-secret-0123456789", "request.created");

        for (int i = 0; i < 30; i++) {
            fixtures.publish(TestEvent.request("request.created", "req-jjjj" + String.format("%04d", i)));
        }
        fixtures.awaitEveryDelivery(webhook, inState("DELIVERED"));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> secondInstanceRuns.get() > 0);

        Map<String, Long> timesReceived = receiver.received().stream()
                .collect(Collectors.groupingBy(Receiver.Received::eventId, Collectors.counting()));
        assertThat(timesReceived).hasSize(30);
        assertThat(timesReceived.values()).containsOnly(1L);
        assertThat(fixtures.deliveries(webhook)
                        .valueStream()
                        .map(d -> d.get("attempts").size()))
                .containsOnly(1);
    }
}
