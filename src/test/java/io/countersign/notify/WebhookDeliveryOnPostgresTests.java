package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.shared.database.NotificationFence;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnPostgres
class WebhookDeliveryOnPostgresTests extends WebhookDeliveryTests {

    @Autowired
    DeliveryDispatcher dispatcher;

    @Test
    void aDeliveryLeavesNoSoonerThanEveryInstanceRefusesTheRevokeItTellsOf() throws Exception {
        fixtures.create(receiver.url(), SECRET, "grant.ended");
        List<Duration> took = new ArrayList<>();
        // the delivery task may pick an event up before this thread does: those are not counted
        for (int i = 0; i < 40 && took.size() < 10; i++) {
            // a sender still looking for the endpoint's next event would send this one itself
            await().atMost(WebhookFixtures.PATIENCE).until(() -> dispatcher.sendsInFlight() == 0);
            fixtures.publish(TestEvent.grant("grant.revoked", "req-hold" + i, "grt-hold" + i));
            long started = System.nanoTime();
            if (dispatcher.deliverDue(Delivery.WEBHOOK) > 0) {
                took.add(Duration.ofNanos(System.nanoTime() - started));
            }
        }

        // warm, a delivery to this loopback receiver takes a few milliseconds: it is the hold that makes each one last
        assertThat(took).hasSizeGreaterThanOrEqualTo(5).allMatch(each -> each.compareTo(NotificationFence.HOLD) >= 0);
    }
}
