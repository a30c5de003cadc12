package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.OnPostgres;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * An instance paused in the middle of a sealing pass resumes after the database ended its transaction
 * and another instance sealed on: the resumed pass must fail whole, once, and the instance must seal
 * on with a new connection, leaving a valid chain with every event in it exactly once.
 */
@OnPostgres
@ExtendWith(OutputCaptureExtension.class)
class AuditResumedSealerOnPostgresTests extends SealerTestBase {

    private static final String FAILED_PASS = "Sealing the audit journal failed";

    @Test
    void aSealerResumedAfterTheDatabaseEndedItsPassFailsThatPassOnceAndSealsOnAfterwards(CapturedOutput output)
            throws Exception {
        awaitJournalSealed();
        sealer.stop(); // the other instance is not sealing yet: the paused one takes the head first
        ChainHead head = tables.head();
        String actor = Api.unique("resumed");
        changes.publish(
                SampleEvent.by(actor).withNote("one"), SampleEvent.by(actor).withNote("two"));

        PausingPool pool = new PausingPool(dataSource, "insert into audit_events");
        String afterResuming;
        AuditSealer paused = sealerOf(pool);
        try {
            paused.start();
            // it holds the head, has read "one" and "two" and hashed them, and is about to chain them
            assertThat(pool.paused.await(30, TimeUnit.SECONDS)).isTrue();

            sealer.start();
            changes.publish(SampleEvent.by(actor).withNote("three"));
            awaitJournalSealed(ChainHeadHold.IDLE.plus(Duration.ofSeconds(10)));
            assertThat(chained(actor)).extracting(AuditRecord::note).containsExactly("one", "two", "three");

            sealer.stop(); // from here on only the resumed instance seals
            int resumedAt = output.getOut().length();
            pool.resume.countDown();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> output.getOut().substring(resumedAt).contains(FAILED_PASS));

            changes.publish(SampleEvent.by(actor).withNote("four"));
            awaitJournalSealed();
            afterResuming = output.getOut().substring(resumedAt);
        } finally {
            pool.resume.countDown();
            paused.destroy();
        }

        assertThat(chained(actor)).extracting(AuditRecord::note).containsExactly("one", "two", "three", "four");
        ChainVerification verdict = auditLog.verify();
        assertThat(verdict.valid()).isTrue();
        assertThat(verdict.events()).isEqualTo(head.lastId() + 4);
        assertThat(verdict.unsealedEvents()).isZero();
        assertThat(afterResuming.lines().filter(line -> line.contains(FAILED_PASS)))
                .as("the failed pass is logged once, with why")
                .singleElement()
                .asString()
                .contains("WARN")
                .contains("terminating connection due to idle-in-transaction timeout");
        assertThat(afterResuming.lines().filter(line -> line.contains("audit-sealer]")))
                .as("what the sealer's thread logs")
                .noneMatch(line -> line.contains("ERROR"));
        assertThat(output.getOut())
                .as("the events' contents stay out of the log")
                .doesNotContain(actor);
    }
}
