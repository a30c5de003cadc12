package io.countersign.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.countersign.testing.Api;
import io.countersign.testing.CountersignTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/** The scheduler records checkpoints by itself at the configured interval. */
@CountersignTest
@Import(AuditFixtures.class)
@TestPropertySource(
        properties = {
            "countersign.audit.checkpoint-interval=PT1S",
            "countersign.encryption-key=" + AuditCheckpointTestBase.ENCRYPTION_KEY
        })
class AuditCheckpointScheduleTests {

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditTables tables;

    @Test
    void theHeadIsCheckpointedWithinTheIntervalOfMovingWithoutBeingAsked() {
        changes.publish(SampleEvent.by(Api.unique("ida")));
        ChainHead head = tables.head();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> checkpoints.list(null, "1").items().stream().anyMatch(c -> c.events() >= head.lastId()));

        AuditCheckpoint newest = checkpoints.list(null, "1").items().get(0);
        assertThat(newest.events()).isGreaterThanOrEqualTo(head.lastId());
    }
}
