package io.countersign.audit;

import static org.awaitility.Awaitility.await;

import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * What the tests of the audit sealer share: this instance's sealer, the log and its tables, changes
 * that record sample events, and the sealer of another instance over a pool paused at will. Whatever
 * a test stopped, this instance's sealer runs again after it and has sealed the journal.
 */
@CountersignTest
@Import(AuditFixtures.class)
abstract class SealerTestBase {

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditTables tables;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditProperties properties;

    @Autowired
    DataSource dataSource;

    @AfterEach
    void sealerRunsAgain() {
        sealer.start();
        awaitJournalSealed();
    }

    /** Waits until no event of the journal is left to chain. */
    void awaitJournalSealed() {
        awaitJournalSealed(Duration.ofSeconds(30));
    }

    void awaitJournalSealed(Duration patience) {
        await().atMost(patience).until(() -> tables.journalSize() == 0);
    }

    /** The sealer of another instance, whose one connection pauses as {@code pool} says. */
    AuditSealer sealerOf(PausingPool pool) {
        return new AuditSealer(pool.pools(), properties, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    /** The chained events of this actor, in chain order. */
    List<AuditRecord> chained(String actor) {
        return tables.all().stream()
                .filter(event -> actor.equals(event.actor()))
                .toList();
    }
}
