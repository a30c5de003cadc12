package io.countersign.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.OtherInstanceDispatchers;
import io.countersign.testing.SilentServer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An endpoint that stops listening while it still works on an event sent to it: another instance,
 * refused, makes the endpoint rest; the endpoint's answer to that event, which came after, ends the
 * rest for every instance, and the events that waited go out without waiting for the rest to be over.
 */
@WebhookTest
class EndpointAnswerEndsItsRestTests {

    static final String SECRET = "answer-ends-rest-secret-0123456789";

    @Autowired
    WebhookFixtures fixtures;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryDispatcher dispatcher;

    HeldReceiver endpoint;
    SilentServer gate;
    DeliveryDispatcher otherInstance;
    String hook;

    @BeforeEach
    void anEndpointBehindAGateThatCanStopListening() throws Exception {
        fixtures.deleteAllWebhooks();
        endpoint = new HeldReceiver();
        gate = new SilentServer();
        gate.answering(endpoint.port());
        hook = fixtures.create("http://127.0.0.1:" + gate.port() + "/hook", SECRET, "request.created");
        otherInstance = OtherInstanceDispatchers.of(context);
    }

    @AfterEach
    void stopTheEndpoint() throws Exception {
        endpoint.close();
        await().atMost(WebhookFixtures.PATIENCE)
                .until(() -> dispatcher.sendsInFlight() == 0 && otherInstance.sendsInFlight() == 0);
        otherInstance.destroy();
        gate.close();
        fixtures.deleteAllWebhooks();
    }

    @Test
    void anAnswerToAnEventSentBeforeTheRestBeganEndsTheRest() throws Exception {
        fixtures.publish(TestEvent.request("request.created", "req-answ0001"));
        await().atMost(WebhookFixtures.PATIENCE).until(() -> endpoint.received().size() == 1);
        gate.refusing();
        fixtures.publish(
                TestEvent.request("request.created", "req-answ0002"),
                TestEvent.request("request.created", "req-answ0003"));
        // this instance waits for the endpoint's answer before sending it another event; the other does not
        assertThat(otherInstance.deliverDue(Delivery.WEBHOOK)).isEqualTo(1);
        await().atMost(WebhookFixtures.PATIENCE)
                .until(() -> otherInstance.sendsInFlight() == 0 && restsUntil() != null);

        gate.listening();
        endpoint.release();

        // the clock stands still: without the answer, the endpoint would rest, and the event wait, for ever
        await().atMost(WebhookFixtures.PATIENCE)
                .until(() ->
                        "DELIVERED".equals(stateOf("req-answ0001")) && "DELIVERED".equals(stateOf("req-answ0003")));
        assertThat(restsUntil()).isNull();
        JsonNode refused = deliveryOf("req-answ0002");
        assertThat(refused.get("state").asString()).isEqualTo("PENDING");
        assertThat(Instant.parse(refused.get("nextAttemptAt").asString()))
                .as("its own retry, no longer the end of the rest")
                .isEqualTo(Instant.parse(
                        refused.get("attempts").get(0).get("nextAttemptAt").asString()));
    }

    private Instant restsUntil() {
        return jdbc.sql("select rests_until from webhooks where id = ?")
                .param(hook)
                .query(OffsetDateTime.class)
                .optional()
                .map(OffsetDateTime::toInstant)
                .orElse(null);
    }

    private String stateOf(String requestId) {
        return deliveryOf(requestId).get("state").asString();
    }

    private JsonNode deliveryOf(String requestId) {
        Map<String, JsonNode> byRequest = fixtures.deliveries(hook)
                .valueStream()
                .collect(Collectors.toMap(d -> d.get("requestId").asString(), d -> d));
        return byRequest.get(requestId);
    }
}
