package io.countersign.notify;

import static org.awaitility.Awaitility.await;

import io.countersign.notify.internal.DeliveryDispatcher;
import io.countersign.notify.internal.DueDeliveries;
import io.countersign.shared.AuditableEvent;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** Builds webhooks through the API, publishes events in transactions and waits for the delivery task. */
@TestComponent
class WebhookFixtures {

    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Api api;
    private final MutableClock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final DueDeliveries deliveries;
    private final DeliveryDispatcher dispatcher;
    private final JdbcClient jdbc;

    WebhookFixtures(
            Api api,
            MutableClock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            DueDeliveries deliveries,
            DeliveryDispatcher dispatcher,
            JdbcClient jdbc) {
        this.api = api;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
        this.deliveries = deliveries;
        this.dispatcher = dispatcher;
        this.jdbc = jdbc;
    }

    String create(String url, String secret, String... events) {
        return api.asAdmin()
                .post("/api/v1/webhooks", Api.json(Map.of("url", url, "events", List.of(events), "secret", secret)))
                .expect(201)
                .json()
                .get("id")
                .asString();
    }

    /** Publishes events in one committed transaction, as a module's service method would. */
    void publish(AuditableEvent... published) {
        transactions.executeWithoutResult(tx -> {
            for (AuditableEvent event : published) {
                events.publishEvent(event);
            }
        });
    }

    /** Publishes events in a transaction that then rolls back, as a failing service method would. */
    void rolledBack(AuditableEvent... published) {
        transactions.executeWithoutResult(tx -> {
            for (AuditableEvent event : published) {
                events.publishEvent(event);
            }
            tx.setRollbackOnly();
        });
    }

    JsonNode deliveries(String webhookId) {
        return api.asAdmin()
                .get("/api/v1/webhooks/" + webhookId + "/deliveries?limit=100")
                .expect(200)
                .json()
                .get("items");
    }

    JsonNode onlyDelivery(String webhookId) {
        JsonNode items = deliveries(webhookId);
        if (items.size() != 1) {
            throw new AssertionError("expected one delivery but found " + items);
        }
        return items.get(0);
    }

    long rows(String webhookId) {
        return jdbc.sql("select count(*) from webhook_deliveries where webhook_id = ?")
                .param(webhookId)
                .query(Long.class)
                .single();
    }

    List<String> deliveryIdsNewestFirst(String webhookId) {
        return jdbc.sql("select id from webhook_deliveries where webhook_id = ? order by seq desc")
                .param(webhookId)
                .query(String.class)
                .list();
    }

    /** Moves time on and waits until the delivery task has attempted whatever became due. */
    void advanceAndSettle(Duration duration) {
        clock.advance(duration);
        awaitNothingDue();
    }

    void awaitNothingDue() {
        await().atMost(PATIENCE)
                .until(() -> deliveries.due(clock.instant(), 1000).isEmpty() && dispatcher.sendsInFlight() == 0);
    }

    void awaitReceived(Receiver receiver, int requests) {
        await().atMost(PATIENCE).until(() -> receiver.received().size() >= requests);
    }

    void awaitEveryDelivery(String webhookId, Predicate<JsonNode> condition) {
        try {
            await().atMost(PATIENCE).until(() -> {
                JsonNode items = deliveries(webhookId);
                for (JsonNode item : items) {
                    if (!condition.test(item)) {
                        return false;
                    }
                }
                return !items.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("deliveries did not reach the expected state: " + deliveries(webhookId), e);
        }
    }

    static Predicate<JsonNode> inState(String state) {
        return item -> item.get("state").asString().equals(state);
    }

    static Predicate<JsonNode> attempted(int times) {
        return item -> item.get("attempts").size() >= times;
    }

    /** Leaves no endpoint behind to receive the next test's events. */
    void deleteAllWebhooks() {
        jdbc.sql("delete from webhook_deliveries").update();
        jdbc.sql("delete from webhooks").update();
    }
}
