package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * A stopping instance lets its sealer finish the pass it is in: interrupting it there failed the pass,
 * and on the embedded database's default file system closed the database for every other thread.
 */
@CountersignTest
@Import(AuditFixtures.class)
class AuditSealerStopTests {

    @Autowired
    AuditSealer sealer;

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
        await().atMost(Duration.ofSeconds(30)).until(() -> tables.journalSize() == 0);
    }

    @Test
    void aSealerStoppedInTheMiddleOfAPassFinishesThatPassBeforeItStops() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> tables.journalSize() == 0);
        sealer.stop();
        String actor = Api.unique("stopping");
        changes.publish(SampleEvent.by(actor).withNote("last"));

        PausingPool pool = new PausingPool(dataSource, "insert into audit_events");
        AuditSealer stopping = new AuditSealer(pool.pools(), properties, Clock.systemUTC(), new SimpleMeterRegistry());
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
        assertThat(tables.all().stream().filter(event -> actor.equals(event.actor())))
                .extracting(AuditRecord::note)
                .containsExactly("last");
    }
}
