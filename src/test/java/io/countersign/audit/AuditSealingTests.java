package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.countersign.shared.database.DedicatedPools;
import io.countersign.testing.Api;
import io.countersign.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Events reach the chain through the journal: what happens when nothing seals them for a while, when
 * several sealers run at once, and when transactions commit in another order than they wrote.
 */
@TestPropertySource(properties = "countersign.audit.seal-batch-size=7")
class AuditSealingTests extends SealerTestBase {

    @Autowired
    AuditRows rows;

    @Autowired
    ApplicationEventPublisher publisher;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DedicatedPools pools;

    @Autowired
    MeterRegistry meters;

    @Autowired
    MutableClock clock;

    @Test
    void eventsCommittedWhileNoSealerRunsAreKeptReportedAndChainedByTheNextSealer() {
        awaitJournalSealed();
        sealer.stop(); // as if the instance died right after its changes committed
        ChainHead head = tables.head();
        String actor = Api.unique("crash");

        changes.publish(
                SampleEvent.by(actor).withNote("one"), SampleEvent.by(actor).withNote("two"));
        changes.publish(SampleEvent.by(actor).withNote("three"));

        assertThat(tables.head()).isEqualTo(head);
        ChainVerification waiting = auditLog.verify();
        assertThat(waiting.valid()).isTrue();
        assertThat(waiting.events()).isEqualTo(head.lastId());
        assertThat(waiting.unsealedEvents()).isEqualTo(3);
        assertThat(waiting.oldestUnsealedAt()).isNotNull();

        sealer.start(); // the next instance to start, or another one already running

        awaitJournalSealed();
        ChainVerification sealed = auditLog.verify();
        assertThat(sealed.valid()).isTrue();
        assertThat(sealed.events()).isEqualTo(head.lastId() + 3);
        assertThat(sealed.unsealedEvents()).isZero();
        assertThat(sealed.oldestUnsealedAt()).isNull();
        assertThat(chained(actor)).extracting(AuditRecord::note).containsExactly("one", "two", "three");
        assertThat(meters.get("countersign.audit.sealing.lag").timer().count())
                .as("each sealed event's lag is measured")
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void theAgeOfTheOldestUnsealedEventGrowsWhileNothingSealsAndFallsToZeroOnceSealed() {
        awaitJournalSealed();
        sealer.stop();
        assertThat(unsealedAge()).isZero();

        changes.publish(SampleEvent.by(Api.unique("late")).withNote("first"));
        clock.advance(Duration.ofSeconds(75));
        changes.publish(SampleEvent.by(Api.unique("late")).withNote("second"));

        assertThat(unsealedAge()).as("the older of the two counts").isEqualTo(75.0);
        clock.advance(Duration.ofSeconds(5));
        assertThat(unsealedAge()).isEqualTo(80.0);

        sealer.start();
        awaitJournalSealed();
        assertThat(unsealedAge()).isZero();
    }

    @Test
    void anEventFromAnInstanceWhoseClockRunsAheadIsSealedWithNoLag() {
        awaitJournalSealed();
        sealer.stop();
        Instant sealersTime = clock.instant();
        clock.advance(Duration.ofMinutes(2)); // the writing instance's clock
        changes.publish(SampleEvent.by(Api.unique("ahead")).withNote("early"));
        clock.set(sealersTime);
        Timer lag = meters.get("countersign.audit.sealing.lag").timer();
        long before = lag.count();

        sealer.start();
        awaitJournalSealed();

        assertThat(lag.count()).as("the event's lag is counted").isEqualTo(before + 1);
        assertThat(lag.max(TimeUnit.SECONDS)).isGreaterThanOrEqualTo(0);
    }

    private double unsealedAge() {
        return meters.get("countersign.audit.unsealed.oldest.age").gauge().value();
    }

    @Test
    void sealersRacingEachOtherAndTheWritersChainEveryEventExactlyOnce() throws Exception {
        sealer.stop();
        long before = tables.count();
        String actor = Api.unique("race");
        int writers = 3;
        int eventsPerWriter = 60;
        List<AuditSealer> racing = List.of(
                new AuditSealer(pools, properties, Clock.systemUTC(), new SimpleMeterRegistry()),
                new AuditSealer(pools, properties, Clock.systemUTC(), new SimpleMeterRegistry()),
                new AuditSealer(pools, properties, Clock.systemUTC(), new SimpleMeterRegistry()));
        ExecutorService threads = Executors.newFixedThreadPool(writers + racing.size());
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writerResults = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                writerResults.add(threads.submit(() -> {
                    start.await();
                    for (int i = 0; i < eventsPerWriter; i++) {
                        SampleEvent event = SampleEvent.by(actor).withNote(writer + "/" + i);
                        transactions.executeWithoutResult(tx -> publisher.publishEvent(event));
                    }
                    return null;
                }));
            }
            List<Future<Integer>> sealing = new ArrayList<>();
            for (AuditSealer one : racing) {
                sealing.add(threads.submit(() -> {
                    start.await();
                    int sealed = 0;
                    while (writing.get()) {
                        sealed += one.sealCommitted();
                    }
                    return sealed + one.sealCommitted();
                }));
            }
            start.countDown();
            for (Future<?> writer : writerResults) {
                writer.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            int sealedByTheRacers = 0;
            for (Future<Integer> one : sealing) {
                sealedByTheRacers += one.get(2, TimeUnit.MINUTES);
            }
            assertThat(sealedByTheRacers).isEqualTo(writers * eventsPerWriter);
        } finally {
            threads.shutdownNow();
            racing.forEach(AuditSealer::destroy);
        }

        assertThat(tables.journalSize()).isZero();
        assertThat(tables.count()).isEqualTo(before + writers * eventsPerWriter);
        List<AuditRecord> chained = chained(actor);
        assertThat(chained).hasSize(writers * eventsPerWriter);
        assertThat(chained).extracting(AuditRecord::note).doesNotHaveDuplicates();
        assertThat(jdbc.sql("select count(distinct journal_seq) from audit_events where actor = ?")
                        .param(actor)
                        .query(Long.class)
                        .single())
                .isEqualTo(writers * eventsPerWriter);
        for (int w = 0; w < writers; w++) {
            String prefix = w + "/";
            assertThat(chained.stream()
                            .map(AuditRecord::note)
                            .filter(note -> note.startsWith(prefix))
                            .map(note -> Integer.parseInt(note.substring(prefix.length())))
                            .toList())
                    .as("one writer's events stay in the order it wrote them")
                    .isSorted();
        }
        ChainVerification verdict = auditLog.verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(tables.count());
    }

    @Test
    void aPassThatFindsOneOfItsJournalEntriesAlreadyRemovedChainsNothing() {
        awaitJournalSealed();
        sealer.stop();
        ChainHead head = tables.head();
        String actor = Api.unique("raced");
        changes.publish(
                SampleEvent.by(actor).withNote("one"),
                SampleEvent.by(actor).withNote("two"),
                SampleEvent.by(actor).withNote("three"));

        assertThatThrownBy(() -> transactions.executeWithoutResult(tx -> {
                    ChainHead locked = rows.lockHead();
                    List<JournalEntry> entries = rows.unsealed(10);
                    List<AuditRecord> events = new ArrayList<>();
                    long lastId = locked.lastId();
                    String lastHash = locked.lastHash();
                    for (JournalEntry entry : entries) {
                        AuditRecord event = entry.draft().after(lastId, lastHash, entry.occurredAt());
                        events.add(event);
                        lastId = event.id();
                        lastHash = event.hash();
                    }
                    // as if another sealer had chained the middle entry in the meantime
                    jdbc.sql("delete from audit_journal where seq = ?")
                            .param(entries.get(1).seq())
                            .update();
                    rows.seal(events, entries.stream().map(JournalEntry::seq).toList());
                }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another sealer");

        assertThat(tables.head()).as("the pass rolled back").isEqualTo(head);
        assertThat(tables.journalSize()).isEqualTo(3);
        assertThat(chained(actor)).isEmpty();
    }

    @Test
    void anEventCommittedAfterALaterOneIsChainedAfterIt() throws Exception {
        String actor = Api.unique("order");
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> early = thread.submit(() -> {
                transactions.executeWithoutResult(tx -> {
                    publisher.publishEvent(SampleEvent.by(actor).withNote("written first"));
                    // its journal row written now, taking its place in the sequence before the other's
                    tx.flush();
                    written.countDown();
                    try {
                        commit.await(1, TimeUnit.MINUTES);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                return null;
            });
            written.await(1, TimeUnit.MINUTES);

            changes.publish(SampleEvent.by(actor).withNote("written second"));

            assertThat(chained(actor)).extracting(AuditRecord::note).containsExactly("written second");
            commit.countDown();
            early.get(1, TimeUnit.MINUTES);
        } finally {
            thread.shutdownNow();
        }

        List<AuditRecord> chained = chained(actor);
        assertThat(chained).extracting(AuditRecord::note).containsExactly("written second", "written first");
        List<Long> journalOrder = jdbc.sql("select journal_seq from audit_events where actor = ? order by id")
                .param(actor)
                .query(Long.class)
                .list();
        assertThat(journalOrder.get(1)).isLessThan(journalOrder.get(0));
        assertThat(auditLog.verify().valid()).isTrue();
    }
}
