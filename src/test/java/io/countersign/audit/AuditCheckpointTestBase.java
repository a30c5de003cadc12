package io.countersign.audit;

import io.countersign.testing.Api;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Each checkpoint test starts with a head that moved since the last checkpoint, and puts the chain
 * back as it was afterwards, so that an attack one test makes is never seen by the next. The
 * configuration is declared here once so that every checkpoint test shares one application context.
 */
@Import(AuditFixtures.class)
@TestPropertySource(
        properties = {
            "countersign.audit.verify-batch-size=4",
            "countersign.encryption-key=" + AuditCheckpointTestBase.ENCRYPTION_KEY
        })
abstract class AuditCheckpointTestBase {

    static final String ENCRYPTION_KEY = "q5m0Yq3v3dRQ0Jb0u7j8m3rOe8Jm1p2Xw4s7v9y2B5E=";

    @Autowired
    Api api;

    @Autowired
    AuditCheckpoints checkpoints;

    @Autowired
    AuditedChanges changes;

    @Autowired
    AuditTables tables;

    AuditTables.Snapshot untouched;

    @BeforeEach
    void theHeadHasMovedSinceTheLastCheckpoint() {
        changes.publish(SampleEvent.by(Api.unique("cora")));
        untouched = tables.snapshot();
    }

    @AfterEach
    void theChainIsPutBackAsItWas() {
        tables.restore(untouched);
    }
}
