package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
import io.countersign.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * A chat channel with a long queue of messages that its platform answers at once: another channel's
 * newer message does not wait for that queue to drain, since each chat channel with a message due has
 * its turn before any has a second. One sender thread makes every send a choice between the two; the
 * busy channel's queue builds up while its platform is down, and is all due when it is back.
 */
@TestPropertySource(properties = {"countersign.notify.webhooks.threads=1", "countersign.notify.webhooks.batch-size=4"})
class BusyChatChannelTests extends ChatDeliveryFixture {

    static final String POSTED = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}";
    /** More than a delivery run reads at once (its batch size). */
    static final int QUEUED = 10;
    /** Long enough to drain the queue one message at a time, on PostgreSQL too. */
    static final Duration DRAINED = Duration.ofSeconds(60);

    @Autowired
    MutableClock clock;

    FakePlatform busyPlatform;
    int busyPort;
    String busy;
    String quiet;

    @BeforeEach
    void aBusyChannelWhosePlatformIsDownAndAQuietOne() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            busyPort = socket.getLocalPort();
        }
        platform.answer("/api/chat.postMessage", 200, POSTED);
        busy = channel(slackAt("http://127.0.0.1:" + busyPort + "/api", false));
        quiet = slackChannelPostingTo("C2");
    }

    @AfterEach
    void stopTheBusyPlatform() {
        if (busyPlatform != null) {
            busyPlatform.close();
        }
    }

    @Test
    void anotherChannelsMessageGoesOutBeforeABusyChannelsQueueHasDrained() throws IOException {
        // refused, the busy channel pauses (the clock stands still), so that its queue builds up behind
        List<String> queue = new ArrayList<>();
        queue.add(requestNotifying(busy));
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(queue.get(0)) == 1);
        for (int i = 1; i < QUEUED; i++) {
            queue.add(requestNotifying(busy));
        }
        // back, its platform holds its first answer while the other channel's message is queued
        busyPlatform = new FakePlatform(busyPort)
                .answer("/api/chat.postMessage", 200, POSTED)
                .holdAnswers();
        clock.advance(Duration.ofMinutes(1));
        await().atMost(NotificationScene.PATIENCE).until(() -> sentToBusy() == 1);
        String newer = requestNotifying(quiet);

        busyPlatform.answerAgain();

        await().atMost(DRAINED).until(() -> state(newer).equals("DELIVERED"));
        assertThat(sentToBusy()).as("the busy channel's messages sent by then").isLessThan(QUEUED);
        await().atMost(DRAINED).until(() -> queue.stream().allMatch(r -> state(r).equals("DELIVERED")));
        assertThat(sentToBusy()).isEqualTo(QUEUED);
        assertThat(platform.seen("/api/chat.postMessage")).hasSize(1);
    }

    private int sentToBusy() {
        return busyPlatform.seen("/api/chat.postMessage").size();
    }
}
