package io.countersign.shared.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.CountersignTest;
import io.countersign.testing.OnPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the access check's freshness rests on, against a real PostgreSQL: once a fence sent after a
 * transaction committed has come back, that transaction's notifications have been handed to the
 * handlers on this instance, without waiting and without polling.
 */
@CountersignTest
@OnPostgres
class NotificationFenceOnPostgresTests {

    private static final String CHANNEL = "fence_probe";

    @Autowired
    Environment environment;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DedicatedPools pools;

    @Autowired
    BoundedDatabaseCalls calls;

    @Autowired
    DatabaseCallProperties properties;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    CommitWrites commitWrites;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private TransactionTemplate transactions;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();
    private final List<String> order = new CopyOnWriteArrayList<>();
    private DatabaseNotifications notifications;
    private NotificationFence fence;

    @BeforeEach
    void listen() {
        notifications = new DatabaseNotifications(environment, pools, commitWrites);
        notifications.listen(CHANNEL, payload -> {
            seen.add(payload);
            order.add(payload);
        });
        fence = new NotificationFence(notifications, jdbc, calls, properties, meters);
        transactions = new TransactionTemplate(transactionManager);
        notifications.start();
        await().atMost(Duration.ofSeconds(10)).until(notifications::listening);
    }

    @AfterEach
    void stop() {
        notifications.stop();
    }

    private void commitNotification(String payload) {
        // autocommit: the statement's return is the commit's
        jdbc.sql("select pg_notify(?, ?)")
                .params(CHANNEL, payload)
                .query((rs, n) -> 1)
                .list();
    }

    @Test
    void aNotificationCommittedBeforeTheFenceWasAskedForHasBeenHandledWhenItPasses() {
        for (int i = 0; i < 300; i++) {
            String payload = "n" + i;
            commitNotification(payload);

            assertThat(fence.await()).isTrue();

            assertThat(seen).contains(payload);
        }
    }

    @Test
    void concurrentCallersEachSeeWhatCommittedBeforeTheyAsked() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> missed = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                String thread = "t" + t;
                missed.add(threads.submit(() -> {
                    List<String> notSeen = new ArrayList<>();
                    for (int i = 0; i < 100; i++) {
                        String payload = thread + "-" + i;
                        commitNotification(payload);
                        if (!fence.await() || !seen.contains(payload)) {
                            notSeen.add(payload);
                        }
                    }
                    return notSeen;
                }));
            }
            for (Future<List<String>> each : missed) {
                assertThat(each.get()).isEmpty();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFenceSentFromTheListeningConnectionComesBackBehindWhatCommittedBeforeIt() {
        // the first fence wakes the listening thread from its socket; while fences keep coming it
        // sends them from its own connection
        assertThat(fence.await()).isTrue();
        AtomicLong tries = new AtomicLong(1_000);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> notifications.sendFromListener(CHANNEL, tries.incrementAndGet()));

        commitNotification("before");
        assertThat(notifications.sendFromListener(CHANNEL, 1_000_000)).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> order.contains("1000000"));
        assertThat(order.indexOf("before")).isBetween(0, order.indexOf("1000000"));
    }

    @Test
    void aRecentViewCoversEveryNotificationCommittedMoreThanRecentAgo() {
        for (int i = 0; i < 20; i++) {
            String payload = "r" + i;
            commitNotification(payload);
            long committedAt = System.nanoTime();

            // asked without waiting: fences keep coming while callers keep asking
            await().atMost(Duration.ofSeconds(10))
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> System.nanoTime() - committedAt > NotificationFence.RECENT.toNanos()
                            && fence.passedRecently());

            assertThat(seen).contains(payload);
        }
    }

    @Test
    void eachFenceThatCameBackIsTimedFromItsAskingToItsReturn() {
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertThat(fence.await()).isTrue();
        }
        long took = System.nanoTime() - started;

        Timer roundTrip = meters.get("countersign.database.fence.round.trip").timer();
        assertThat(roundTrip.count()).isEqualTo(5);
        assertThat(roundTrip.totalTime(TimeUnit.NANOSECONDS)).isPositive().isLessThanOrEqualTo(took);
    }

    @Test
    void noViewIsRecentBeforeAFenceCameBackNorOnceTheListeningConnectionIsLost() {
        assertThat(fence.passedRecently()).isFalse();
        assertThat(fence.await()).isTrue();
        // true while callers keep asking, as checks under load do
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(1))
                .until(fence::passedRecently);

        notifications.stop();

        assertThat(fence.passedRecently()).isFalse();
    }

    @Test
    void aChangeThatTakesAccessAwayIsAcknowledgedOnlyOnceEveryRecentViewCoversIt() {
        double before = meters.counter("countersign.access.withdrawals.held").count();
        long started = System.nanoTime();

        transactions.executeWithoutResult(status -> {
            fence.holdAcknowledgement();
            fence.holdAcknowledgement();
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(NotificationFence.HOLD);
        assertThat(NotificationFence.HOLD).isGreaterThan(NotificationFence.RECENT);
        // once per transaction, however many changes it made
        assertThat(meters.counter("countersign.access.withdrawals.held").count() - before)
                .isEqualTo(1.0);
    }

    @Test
    void aChangeRolledBackHoldsNothing() {
        double before = meters.counter("countersign.access.withdrawals.held").count();

        transactions.executeWithoutResult(status -> {
            fence.holdAcknowledgement();
            status.setRollbackOnly();
        });

        assertThat(meters.counter("countersign.access.withdrawals.held").count())
                .isEqualTo(before);
    }

    @Test
    void noFencePassesWhileNothingListens() {
        notifications.stop();

        assertThat(fence.await()).isFalse();
    }
}
