package io.countersign.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A chat channel's messages in the deliveries list, found by the channel's name as their recipient. */
class ChatDeliveryListTests extends ChatDeliveryFixture {

    @Test
    void aChannelsMessagesAreListedByItsNameAsTheirRecipientInAnyCase() {
        platform.answer("/api/chat.postMessage", 200, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1.2\"}");
        String name = slackChannelPostingTo("C1");
        String id = requestNotifying(name);
        scene.awaitNothingDue();

        List<JsonNode> listed = api.asAdmin()
                .get("/api/v1/notifications/deliveries?limit=100&channel=SLACK&recipient=" + name.toUpperCase())
                .expect(200)
                .json()
                .get("items")
                .valueStream()
                .toList();

        assertThat(listed)
                .extracting(d ->
                        d.get("requestId").asString() + " " + d.get("recipient").asString())
                .containsExactly(id + " " + name);
    }
}
