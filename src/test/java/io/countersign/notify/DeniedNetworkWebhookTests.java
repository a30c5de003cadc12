package io.countersign.notify;

import static io.countersign.notify.WebhookFixtures.inState;
import static io.countersign.testing.Api.issues;
import static org.assertj.core.api.Assertions.assertThat;

import io.countersign.testing.Api;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A deployment that refuses loopback receivers: a literal address in that network is refused when the
 * webhook is configured, and a name that resolves there when an event is sent, for good and without a
 * connection.
 */
@WebhookTest
@TestPropertySource(properties = "countersign.outbound.denied-networks=127.0.0.0/8,::1/128")
class DeniedNetworkWebhookTests extends WebhookReceiverTestBase {

    static final String SECRET = "denied-network-secret-0123";

    @Autowired
    Api api;

    @Autowired
    RecordedEvents recorded;

    @Test
    void aLiteralAddressInADeniedNetworkIsRefusedWhenTheWebhookIsConfigured() {
        var response = api.asAdmin()
                .post(
                        "/api/v1/webhooks",
                        Api.json(
                                Map.of("url", receiver.url(), "events", List.of("request.created"), "secret", SECRET)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(issues(response.json())).containsExactly("url:refused_address");
        assertThat(response.body()).contains("countersign.outbound.denied-networks");
    }

    @Test
    void aNameThatResolvesIntoADeniedNetworkFailsItsDeliveryAtOnceAndNothingIsSent() {
        String webhook = fixtures.create("http://localhost:" + receiver.port() + "/hook", SECRET, "request.created");

        fixtures.publish(TestEvent.request("request.created", "req-d3n1ed01"));
        fixtures.awaitEveryDelivery(webhook, inState("DEAD"));

        JsonNode attempts = fixtures.onlyDelivery(webhook).get("attempts");
        assertThat(attempts).hasSize(1);
        assertThat(attempts.get(0).get("error").asString())
                .isEqualTo("destination address refused by countersign.outbound.denied-networks"
                        + " (COUNTERSIGN_OUTBOUND_DENIED_NETWORKS)");
        assertThat(attempts.get(0).get("nextAttemptAt").isNull())
                .as("not retried")
                .isTrue();
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void aDeliveryRefusedAtItsFirstAttemptGaveUpAfterOneAttempt() {
        String webhook = fixtures.create("http://localhost:" + receiver.port() + "/hook", SECRET, "request.created");

        fixtures.publish(TestEvent.request("request.created", "req-d3n1ed02"));
        fixtures.awaitEveryDelivery(webhook, inState("DEAD"));

        assertThat(recorded.about("webhook:" + webhook))
                .filteredOn(event -> event.action().equals("webhook.delivery_dead"))
                .singleElement()
                .satisfies(event -> assertThat(event.note()).endsWith(" gave up after 1 attempt"));
    }

    @Test
    void deletingAWebhookDiscardsItsDeadLettersAndSaysHowMany() {
        String webhook = fixtures.create("http://localhost:" + receiver.port() + "/hook", SECRET, "request.created");
        fixtures.publish(TestEvent.request("request.created", "req-d3n1ed03"));
        fixtures.publish(TestEvent.request("request.created", "req-d3n1ed04"));
        fixtures.awaitEveryDelivery(webhook, inState("DEAD"));
        JsonNode dead = fixtures.deliveries(webhook);
        assertThat(dead).hasSize(2);

        api.asAdmin().delete("/api/v1/webhooks/" + webhook).expect(204);

        assertThat(recorded.about("webhook:" + webhook))
                .filteredOn(event -> event.action().equals("webhook.deleted"))
                .singleElement()
                .satisfies(event ->
                        assertThat(event.note()).endsWith("; 0 pending deliveries and 2 dead deliveries discarded"));
        for (JsonNode delivery : dead) {
            assertThat(api.asAdmin()
                            .get("/api/v1/webhooks/deliveries/"
                                    + delivery.get("id").asString())
                            .status())
                    .isEqualTo(404);
        }
    }
}
