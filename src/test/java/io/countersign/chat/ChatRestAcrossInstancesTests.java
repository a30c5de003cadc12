package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.NotificationProperties;
import io.countersign.notify.internal.OtherInstanceDispatchers;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.countersign.testing.SilentServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * A chat channel whose platform refuses connections, found unreachable by this instance: instances that
 * have not met it themselves leave it alone while it rests, once the rest is over it gets one probe, not
 * one from each instance, and the message it accepts then ends its rest on every instance.
 */
class ChatRestAcrossInstancesTests extends ChatDeliveryFixture {

    static final String POSTED = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}";

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    NotificationProperties notifications;

    @Autowired
    DeliveryDispatcher dispatcher;

    int deadPort;
    String dead;
    FakePlatform revived;
    SilentServer silent;
    String hanging;
    List<String> waiting;
    List<DeliveryDispatcher> otherInstances;

    @BeforeEach
    void messagesQueuedForAChannelWhosePlatformRefusesConnections() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        dead = channel(slackAt("http://127.0.0.1:" + deadPort + "/api", false));
        otherInstances = List.of(OtherInstanceDispatchers.of(context), OtherInstanceDispatchers.of(context));
        String first = requestNotifying(dead);
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(first) == 1 && allSent());
        waiting = List.of(requestNotifying(dead), requestNotifying(dead));
    }

    @AfterEach
    void stopTheOtherInstancesAndSettleTheChannelsMessages() throws Exception {
        for (DeliveryDispatcher other : otherInstances) {
            other.destroy();
        }
        if (revived != null) {
            revived.close();
        }
        if (silent != null) {
            silent.close();
        }
        // its messages would stay due behind its rest, on every instance, for as long as the tests that
        // share this application leave the clock where it is; its policies keep it from being deleted,
        // which would settle them so
        jdbc.sql("update webhook_deliveries set state = 'SKIPPED', last_error = 'test over'"
                        + " where channel = 'SLACK' and route in (?, ?) and state = 'PENDING'")
                .params(dead, String.valueOf(hanging))
                .update();
    }

    @Test
    void anotherInstanceLeavesTheChannelAloneWhileItRests() throws InterruptedException {
        for (DeliveryDispatcher other : otherInstances) {
            assertThat(other.deliverDue("SLACK")).isZero();
        }

        assertThat(attemptsOnDead()).isEqualTo(1);
        for (String request : waiting) {
            assertThat(state(request)).isEqualTo("PENDING");
        }
    }

    @Test
    void onceTheRestIsOverOneInstanceProbesTheChannel() throws InterruptedException {
        clock.advance(notifications.unreachablePause().plusSeconds(1));

        for (DeliveryDispatcher other : otherInstances) {
            other.deliverDue("SLACK");
        }
        await().atMost(NotificationScene.PATIENCE).until(() -> attemptsOnDead() >= 2 && allSent());
        // what they start counts the channels of earlier tests too, whose rests end with this one's
        for (DeliveryDispatcher other : otherInstances) {
            other.deliverDue("SLACK");
        }
        await().atMost(NotificationScene.PATIENCE).until(this::allSent);

        assertThat(attemptsOnDead())
                .as("one probe after the rest, by whichever instance claimed it")
                .isEqualTo(2);
    }

    @Test
    void theMessageTheChannelAcceptsEndsItsRestOnEveryInstance() throws Exception {
        revived = new FakePlatform(deadPort).answer("/api/chat.postMessage", 200, POSTED);
        clock.advance(notifications.unreachablePause().plusSeconds(1));

        for (DeliveryDispatcher other : otherInstances) {
            other.deliverDue("SLACK");
        }

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> waiting.stream().allMatch(request -> state(request).equals("DELIVERED")));
        assertThat(jdbc.sql("select count(*) from destination_rests where destination = ? and rests_until is not null")
                        .param(dead)
                        .query(Long.class)
                        .single())
                .as("no instance rests the channel any longer")
                .isZero();
    }

    @Test
    void aChannelSavedWithAnotherAddressIsPostedToAtOnceByEveryInstance() throws Exception {
        platform.answer("/api/chat.postMessage", 200, POSTED);
        Map<String, Object> moved = slackAt(platform.url() + "/api", false);
        moved.put("name", dead);
        api.asAdmin().put("/api/v1/channels/" + dead, Api.json(moved)).expect(200);

        for (DeliveryDispatcher other : otherInstances) {
            other.deliverDue("SLACK");
        }
        String request = requestNotifying(dead);

        await().atMost(NotificationScene.PATIENCE).until(() -> state(request).equals("DELIVERED"));
        assertThat(jdbc.sql("select count(*) from destination_rests where destination = ? and rests_until is not null")
                        .param(dead)
                        .query(Long.class)
                        .single())
                .as("the rest of the old address is gone on every instance")
                .isZero();
    }

    @Test
    void anAttemptOnTheOldAddressThatTimesOutAfterTheSaveDoesNotRestTheNewOne() throws Exception {
        silent = new SilentServer();
        hanging = channel(slackAt("http://127.0.0.1:" + silent.port() + "/api", false));
        String first = requestNotifying(hanging);
        await().atMost(NotificationScene.PATIENCE).until(() -> silent.unanswered() == 1);
        platform.answer("/api/chat.postMessage", 200, POSTED);
        Map<String, Object> moved = slackAt(platform.url() + "/api", false);
        moved.put("name", hanging);
        api.asAdmin().put("/api/v1/channels/" + hanging, Api.json(moved)).expect(200);

        // the platform's answer deadline passes: the attempt begun on the old address could not reach it
        await().atMost(NotificationScene.PATIENCE).until(() -> attempts(first) == 1 && allSent());
        assertThat(lastError(first)).contains("could not reach");
        String next = requestNotifying(hanging);

        await().atMost(NotificationScene.PATIENCE).until(() -> state(next).equals("DELIVERED"));
        assertThat(jdbc.sql("select count(*) from destination_rests where destination = ? and rests_until is not null")
                        .param(hanging)
                        .query(Long.class)
                        .single())
                .as("no instance rests the channel at its new address")
                .isZero();
    }

    private boolean allSent() {
        return dispatcher.sendsInFlight() == 0 && otherInstances.stream().allMatch(other -> other.sendsInFlight() == 0);
    }

    /** Every attempt of the messages routed to the dead channel, by any instance. */
    private long attemptsOnDead() {
        return jdbc.sql("select count(*) from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id"
                        + " where d.channel = 'SLACK' and d.route = ?")
                .param(dead)
                .query(Long.class)
                .single();
    }
}
