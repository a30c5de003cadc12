package io.countersign.notify;

import static io.countersign.notify.NotificationScene.PATIENCE;
import static io.countersign.notify.NotificationScene.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.notify.NotificationScene.Person;
import io.countersign.notify.internal.NotificationOutbox;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.Role;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deliveries go out as soon as the transaction that queued them, resumed their channel or redelivered
 * them commits, although here the webhooks and the {@code TEST} channel look for due deliveries only
 * once a minute; a transaction that rolls back sends nothing and brings no channel's look forward.
 */
@CountersignTest
@TestPropertySource(
        properties = {
            "countersign.notifications.delivery-interval=1m",
            "countersign.encryption-key=" + WebhookTest.ENCRYPTION_KEY
        })
@Import({RecordingSender.class, NotificationScene.class, RecordedEvents.class, WebhookFixtures.class})
class DeliveriesWokenOnCommitTests extends WebhookReceiverTestBase {

    /** Well under the minute between two looks of a channel. */
    static final Duration PROMPTLY = Duration.ofSeconds(10);

    static final String SECRET = "first-secret-0123456789";
    static final Actor ADMIN = new Actor("admin", Role.ADMIN, Channel.API, null);

    @Autowired
    NotificationScene scene;

    @Autowired
    RecordingSender sender;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    NotificationDeliveries deliveries;

    /** A channel's run as the scheduler keeps it. */
    record Run(boolean picked, OffsetDateTime due, OffsetDateTime lastSuccess) {}

    @BeforeEach
    void everyChannelHasHadItsFirstLook() {
        scene.startFresh();
        // the first looks run at startup; a look ending now is followed by the next a minute later
        await().atMost(PATIENCE).until(() -> {
            Map<String, Run> runs = runs();
            return runs.keySet().containsAll(List.of("webhook-delivery", RecordingSender.CHANNEL))
                    && runs.values().stream().allMatch(run -> run.lastSuccess() != null);
        });
    }

    @Test
    void aNewRequestReachesItsApproverAndTheWebhookWithinSecondsThoughChannelsLookOnlyEveryMinute() {
        Person dev = scene.person("dev");
        Person lisa = scene.person("lisa");
        fixtures.create(receiver.url(), SECRET, "request.created");

        long started = System.nanoTime();
        String requestId = scene.pending(dev, List.of(step(1, lisa)));
        long committed = System.nanoTime();
        await().atMost(PROMPTLY).until(() -> !receiver.accepted().isEmpty());
        long webhook = System.nanoTime();
        await().atMost(PROMPTLY).until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
        long notified = System.nanoTime();

        assertThat(receiver.accepted()
                        .get(0)
                        .json()
                        .get("data")
                        .get("requestId")
                        .asString())
                .isEqualTo(requestId);
        assertThat(sender.acceptedFor(lisa.id()).get(0).requestId()).isEqualTo(requestId);
        System.out.printf(
                "Request created in %d ms; its webhook arrived %d ms and its approver's notification %d ms"
                        + " after it committed%n",
                (committed - started) / 1_000_000,
                (webhook - committed) / 1_000_000,
                (notified - committed) / 1_000_000);
    }

    @Test
    void notificationsWaitingForTheirChannelLeaveWithinSecondsOfItsResuming() {
        Person dev = scene.person("dev");
        Person lisa = scene.person("lisa");
        sender.set(RecordingSender.Mode.WAIT);
        scene.pending(dev, List.of(step(1, lisa)));
        assertThat(scene.deliveriesTo(lisa)).hasSize(1);

        sender.set(RecordingSender.Mode.ACCEPT);
        assertThat(deliveries.resume(RecordingSender.CHANNEL)).isEqualTo(1);

        await().atMost(PROMPTLY).until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
    }

    @Test
    void aRedeliveredDeadLetterLeavesWithinSeconds() {
        Person dev = scene.person("dev");
        Person lisa = scene.person("lisa");
        sender.set(RecordingSender.Mode.REFUSE);
        scene.pending(dev, List.of(step(1, lisa)));
        await().atMost(PROMPTLY)
                .until(() -> scene.deliveriesTo(lisa).stream()
                        .anyMatch(d -> d.get("state").asString().equals("DEAD")));

        sender.set(RecordingSender.Mode.ACCEPT);
        deliveries.redeliver(ADMIN, scene.deliveriesTo(lisa).get(0).get("id").asString());

        await().atMost(PROMPTLY).until(() -> !sender.acceptedFor(lisa.id()).isEmpty());
    }

    @Test
    void aTransactionThatRollsBackSendsNothingAndWakesNoChannel() {
        Person lisa = scene.person("lisa");
        fixtures.create(receiver.url(), SECRET, "request.created");
        Map<String, Run> before = settledRuns();

        transactions.executeWithoutResult(tx -> {
            events.publishEvent(TestEvent.request("request.created", "req-cccc3333"));
            outbox.notify(
                    NotificationKind.STEP_OPENED,
                    List.of(new NotificationOutbox.Recipient(lisa.id(), lisa.name())),
                    new NotificationOutbox.About("req-cccc3333", null, 0),
                    Map.of("resource", "prod-db"));
            tx.setRollbackOnly();
        });

        await().during(Duration.ofSeconds(2))
                .atMost(PROMPTLY)
                .until(() -> runs().equals(before)
                        && receiver.received().isEmpty()
                        && sender.attemptedFor(lisa.id()).isEmpty());
    }

    /** The runs once none is in progress and none has changed for a while: nothing left to wake them. */
    private Map<String, Run> settledRuns() {
        AtomicReference<Map<String, Run>> last = new AtomicReference<>(runs());
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(1500)).until(() -> {
            Map<String, Run> now = runs();
            return now.equals(last.getAndSet(now)) && now.values().stream().noneMatch(Run::picked);
        });
        return last.get();
    }

    /** The webhooks' run and the {@code TEST} channel's, by name. */
    private Map<String, Run> runs() {
        return jdbc
                .sql("""
                        select task_name, task_instance, picked, execution_time, last_success from scheduled_tasks
                        where task_name = 'webhook-delivery'
                            or (task_name = 'notification-delivery' and task_instance = ?)""")
                .param(RecordingSender.CHANNEL)
                .query((row, number) -> Map.entry(
                        row.getString(1).equals("webhook-delivery") ? row.getString(1) : row.getString(2),
                        new Run(
                                row.getBoolean(3),
                                row.getObject(4, OffsetDateTime.class),
                                row.getObject(5, OffsetDateTime.class))))
                .list()
                .stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
