package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A stopping instance lets its sealer finish the pass it is in: interrupting it there failed the pass,
 * and on the embedded database's default file system closed the database for every other thread.
 */
class AuditSealerStopTests extends SealerTestBase {

    @Test
    void aSealerStoppedInTheMiddleOfAPassFinishesThatPassBeforeItStops() throws Exception {
        awaitJournalSealed();
        sealer.stop();
        String actor = Api.unique("stopping");
        changes.publish(SampleEvent.by(actor).withNote("last"));

        PausingPool pool = new PausingPool(dataSource, "insert into audit_events");
        AuditSealer stopping = sealerOf(pool);
        Thread stopper = new Thread(stopping::stop, "stopper");
        try {
            stopping.start();
            assertThat(pool.paused.await(30, TimeUnit.SECONDS)).isTrue();
            stopper.start();
            // stop() has asked the sealer to end and waits for its thread, or has stopped it already
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stopper.getState() == Thread.State.TIMED_WAITING || !stopper.isAlive());
            pool.resume.countDown();
            stopper.join(TimeUnit.SECONDS.toMillis(30));
        } finally {
            pool.resume.countDown();
            stopping.destroy();
        }

        assertThat(stopper.isAlive()).isFalse();
        assertThat(tables.journalSize()).isZero();
        assertThat(chained(actor)).extracting(AuditRecord::note).containsExactly("last");
    }
}
