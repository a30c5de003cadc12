package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * With the default {@code seal-wait} of 0 a change's thread does not wait for its events to be
 * chained: whoever reads the log waits for a sealing pass instead. The interval is an hour here, so
 * nothing but an ask seals: entries written straight into the journal, as another instance's changes
 * are, are chained only because a reader asked.
 */
@CountersignTest
@Import(AuditFixtures.class)
@TestPropertySource(properties = {"countersign.audit.seal-wait=PT0S", "countersign.audit.seal-interval=PT1H"})
class AuditReadsWaitForSealingTests {

    @Autowired
    AuditLog auditLog;

    @Autowired
    AuditExport export;

    @Autowired
    AuditRows rows;

    @Autowired
    AuditTables tables;

    @Autowired
    AuditedChanges changes;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aQueryOfTheLogIncludesEveryEventCommittedBeforeIt() {
        String actor = Api.unique("reader");
        journalAsAnotherInstance(actor, "one", "two");
        assertThat(sealedNotes(actor)).as("nothing sealed them yet").isEmpty();

        AuditPage page = auditLog.query(byActor(actor));

        assertThat(page.items()).extracting(AuditRecord::note).containsExactly("two", "one");
        assertThat(tables.journalSize()).isZero();
    }

    @Test
    void aVerificationCoversEveryEventCommittedBeforeIt() {
        journalAsAnotherInstance(Api.unique("verifier"), "one");
        assertThat(tables.journalSize()).isPositive();

        ChainVerification verification = auditLog.verify();

        assertThat(verification.valid()).isTrue();
        assertThat(verification.unsealedEvents()).isZero();
        assertThat(verification.oldestUnsealedAt()).isNull();
    }

    @Test
    void anExportIncludesEveryEventCommittedBeforeIt() {
        String actor = Api.unique("exporter");
        journalAsAnotherInstance(actor, "exported");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = export.write(byActor(actor), AuditExportFormat.JSONL, out);

        assertThat(written).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("exported");
    }

    @Test
    void aChangeAsksForAPassWithoutWaitingAndIsSealedWithoutAnyReader() {
        String actor = Api.unique("writer");

        changes.publish(SampleEvent.by(actor).withNote("asked"));

        await().atMost(Duration.ofSeconds(30)).until(() -> tables.journalSize() == 0);
        assertThat(sealedNotes(actor)).containsExactly("asked");
    }

    private static AuditQuery byActor(String actor) {
        return new AuditQuery(null, actor, null, null, null, null, AuditQuery.DEFAULT_LIMIT);
    }

    private List<String> sealedNotes(String actor) {
        return tables.all().stream()
                .filter(event -> event.actor().equals(actor))
                .map(AuditRecord::note)
                .toList();
    }

    /** Commits journal entries without asking this instance's sealer, as another instance's change does. */
    private void journalAsAnotherInstance(String actor, String... notes) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<AuditRows.Drafted> drafted = Arrays.stream(notes)
                .map(note -> new AuditRows.Drafted(
                        AuditDraft.of(SampleEvent.by(actor).withNote(note)), now))
                .toList();
        transactions.executeWithoutResult(tx -> rows.journal(drafted));
    }
}
