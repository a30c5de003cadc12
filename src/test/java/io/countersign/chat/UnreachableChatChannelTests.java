package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.DeliveryRuns;
import io.countersign.notify.NotificationScene;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * A chat channel whose platform cannot be reached pauses, as a mail server or a webhook endpoint does:
 * the messages queued behind the first refused one wait instead of each trying the same dead address,
 * and go out once it answers again. Each chat channel names its own address, so another channel of the
 * same platform keeps delivering meanwhile.
 */
@Import(DeliveryRuns.class)
@ExtendWith(OutputCaptureExtension.class)
// batches smaller than the backlog: a batch filled with the resting channel's messages would hide the rest
@TestPropertySource(properties = "countersign.notify.webhooks.batch-size=2")
class UnreachableChatChannelTests extends ChatDeliveryFixture {

    static final String POSTED = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}";

    @Autowired
    MutableClock clock;

    @Autowired
    DeliveryRuns runs;

    FakePlatform revived;
    int deadPort;
    String dead;
    String healthy;
    final List<String> removeAfterwards = new ArrayList<>();

    @BeforeEach
    void aHealthySlackChannelAndOneWhosePlatformRefusesConnections() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = socket.getLocalPort();
        }
        platform.answer("/api/chat.postMessage", 200, POSTED);
        healthy = slackChannelPostingTo("C1");
        dead = channel(slackAt("http://127.0.0.1:" + deadPort + "/api", false));
    }

    @AfterEach
    void stopAndRemoveTheDefaultChannels() {
        if (revived != null) {
            revived.close();
        }
        // a default channel would hear of the requests of the tests that follow
        removeAfterwards.forEach(name ->
                jdbc.sql("delete from chat_channels where name = ?").param(name).update());
    }

    @Test
    void messagesQueuedBehindARefusedOneWaitForTheChannelAndFollowOnceItAnswers() throws IOException {
        String first = requestNotifying(dead);
        awaitRefused(first);
        assertThat(lastError(first))
                .isEqualTo("Slack chat.postMessage: could not reach the platform: connection refused");

        String second = requestNotifying(dead);
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(second) == 0);
        awaitTwoMoreSlackRuns();
        assertThat(attempts(second)).as("tried while the channel pauses").isZero();
        assertThat(state(second)).as("not failed while the channel pauses").isEqualTo("PENDING");

        revived = new FakePlatform(deadPort).answer("/api/chat.postMessage", 200, POSTED);
        // past the channel's pause and the first retry of the refused message
        clock.advance(Duration.ofMinutes(1));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> state(first).equals("DELIVERED") && state(second).equals("DELIVERED"));
        assertThat(revived.seen("/api/chat.postMessage")).hasSize(2);
    }

    @Test
    void aHealthyChannelOfTheSamePlatformKeepsDeliveringWhileAnotherWithABacklogPauses() {
        awaitRefused(requestNotifying(dead));
        List<String> waiting = List.of(requestNotifying(dead), requestNotifying(dead), requestNotifying(dead));
        awaitTwoMoreSlackRuns();

        String meanwhile = requestNotifying(healthy);

        await().atMost(NotificationScene.PATIENCE).until(() -> state(meanwhile).equals("DELIVERED"));
        for (String request : waiting) {
            assertThat(attempts(request)).as("tried while its channel pauses").isZero();
            assertThat(state(request)).isEqualTo("PENDING");
            assertThat(lastError(request)).isNull();
        }
    }

    @Test
    void theLogSaysOnceThatTheChannelPausesAndWhy(CapturedOutput output) {
        awaitRefused(requestNotifying(dead));

        await().atMost(NotificationScene.PATIENCE)
                .until(() -> output.getAll()
                        .contains("The SLACK destination " + dead + " pauses for 30 s, then one of its deliveries"
                                + " tries again: Slack chat.postMessage: could not reach the platform:"
                                + " connection refused"));
        assertThat(output.getAll()).doesNotContain("cannot be reached (");
    }

    @Test
    void aPausedChannelGivenAnotherApiAddressIsTriedThereAtOnce() {
        awaitRefused(requestNotifying(dead));
        String second = requestNotifying(dead);
        awaitTwoMoreSlackRuns();
        assertThat(attempts(second)).isZero();

        Map<String, Object> moved = slackAt(platform.url() + "/api", false);
        moved.put("name", dead);
        api.asAdmin().put("/api/v1/channels/" + dead, Api.json(moved)).expect(200);

        // the clock stands still: the pause did not run out, it was forgotten
        await().atMost(NotificationScene.PATIENCE).until(() -> state(second).equals("DELIVERED"));
    }

    @Test
    void theMessagesWaitingForADeletedChannelAreSettledAtOnce(CapturedOutput output) {
        String gone = channel(slackAt("http://127.0.0.1:" + deadPort + "/api", true));
        removeAfterwards.add(gone);
        awaitRefused(requestNotifyingTheDefaultChannels());
        String second = requestNotifyingTheDefaultChannels();
        awaitTwoMoreSlackRuns();
        assertThat(attempts(second)).isZero();

        api.asAdmin().delete("/api/v1/channels/" + gone).expect(204);

        // discarded with the channel, not tried: a later channel of the same name must never get it
        assertThat(state(second)).isEqualTo("SKIPPED");
        assertThat(lastError(second)).isEqualTo("the chat channel " + gone + " was deleted");
        awaitTwoMoreSlackRuns();
        assertThat(attempts(second)).isZero();
        assertThat(output.getAll()).doesNotContain("notification " + eventOf(second));
    }

    private void awaitRefused(String requestId) {
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(requestId) == 1);
    }

    /** The Slack channel's run under way, if any, has ended, and one more ran after it. */
    private void awaitTwoMoreSlackRuns() {
        int runsBefore = runs.finished("SLACK");
        await().atMost(NotificationScene.PATIENCE).until(() -> runs.finished("SLACK") >= runsBefore + 2);
    }

    private String eventOf(String requestId) {
        return slackDelivery(requestId, "event_id", String.class);
    }
}
