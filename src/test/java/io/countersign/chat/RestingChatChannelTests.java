package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene;
import io.countersign.testing.Api;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * A chat channel whose platform timed out rests with a queue longer than a delivery run reads at once:
 * another channel's newer message goes out at once all the same, not a few runs later once every
 * message of that queue has been read and set aside. The channels look for due deliveries once a
 * minute here, so only the looks that a commit or a send's end brings forward can send it in time.
 */
@TestPropertySource(
        properties = {"countersign.notifications.delivery-interval=1m", "countersign.notify.webhooks.batch-size=4"})
class RestingChatChannelTests extends ChatDeliveryFixture {

    static final String POSTED = "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}";
    /** More than two delivery runs read (their batch size each). */
    static final int QUEUED = 10;
    /** Well under the minute between two looks of a channel. */
    static final Duration PROMPTLY = Duration.ofSeconds(5);

    FakePlatform slowPlatform;
    String slow;
    String quiet;
    String removeAfterwards;

    @BeforeEach
    void aChannelWhosePlatformNeverAnswersAndAQuietOne() throws IOException {
        slowPlatform =
                new FakePlatform().answer("/api/chat.postMessage", 200, POSTED).holdAnswers();
        platform.answer("/api/chat.postMessage", 200, POSTED);
        slow = channel(slackAt(slowPlatform.url() + "/api", false));
        quiet = slackChannelPostingTo("C2");
    }

    @AfterEach
    void stopTheSlowPlatform() {
        slowPlatform.close();
        if (removeAfterwards != null) {
            // a default channel would hear of the requests of the tests that follow
            api.asAdmin().delete("/api/v1/channels/" + removeAfterwards).expect(204);
        }
    }

    @Test
    void anotherChannelsMessageGoesOutAtOnceWhileATimedOutChannelRestsWithALongQueue() {
        String first = requestNotifying(slow);
        await().atMost(NotificationScene.PATIENCE).until(() -> askedOfSlow() == 1);
        // queued behind the send in flight, then due all at once when it times out and the channel rests
        List<String> queue = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            queue.add(requestNotifying(slow));
        }
        await().atMost(NotificationScene.PATIENCE).ignoreExceptions().until(() -> attempts(first) == 1);
        assertThat(lastError(first)).contains("could not reach the platform");

        String newer = requestNotifying(quiet);

        await().atMost(PROMPTLY).until(() -> state(newer).equals("DELIVERED"));
        assertThat(askedOfSlow()).as("tried while the channel rests").isEqualTo(1);
        for (String request : queue) {
            assertThat(attempts(request)).isZero();
            assertThat(state(request)).isEqualTo("PENDING");
        }
    }

    @Test
    void anotherChannelsMessageGoesOutAtOnceWhileTheRestingDefaultChannelHasALongQueueOfPeoplesOwnMessages() {
        // people's own messages go to the default channel, which is known only when each is sent
        removeAfterwards = channel(slackAt(slowPlatform.url() + "/api", true));
        api.asAdmin()
                .put(
                        "/api/v1/users/" + lisa.name() + "/subscriptions",
                        Api.json(Map.of("step_opened", List.of("SLACK"))))
                .expect(200);
        String first = requestNotifyingTheDefaultChannels();
        await().atMost(NotificationScene.PATIENCE).until(() -> askedOfSlow() == 1);
        List<String> queue = new ArrayList<>();
        for (int i = 0; i < QUEUED; i++) {
            queue.add(requestNotifyingTheDefaultChannels());
        }
        await().atMost(NotificationScene.PATIENCE).until(() -> attemptsOnSlack(first) == 1);

        String newer = requestNotifying(quiet);

        await().atMost(PROMPTLY).until(() -> toQuiet(newer).equals("DELIVERED"));
        assertThat(askedOfSlow()).as("tried while the channel rests").isEqualTo(1);
        for (String request : queue) {
            assertThat(attemptsOnSlack(request)).isZero();
        }
    }

    /** The state of the request's message routed to the quiet channel. */
    private String toQuiet(String requestId) {
        return jdbc.sql("select state from webhook_deliveries where request_id = ? and channel = 'SLACK' and route = ?")
                .params(requestId, quiet)
                .query(String.class)
                .single();
    }

    /** The attempts of the request's Slack messages: one to the default channel, one of lisa's own. */
    private int attemptsOnSlack(String requestId) {
        return jdbc.sql("select coalesce(sum(attempts), 0) from webhook_deliveries"
                        + " where request_id = ? and channel = 'SLACK'")
                .param(requestId)
                .query(Integer.class)
                .single();
    }

    /** Each call, whether a post or a look-up of the person to mention: the first one never ends. */
    private int askedOfSlow() {
        return slowPlatform.seen().size();
    }
}
