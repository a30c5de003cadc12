package io.countersign.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit chain verification and checkpoints. The batch size bounds the memory a verification needs
 * whatever the length of the log; the checkpoint interval is the window in which the newest events
 * could be deleted unnoticed by anyone who keeps the checkpoints outside the database.
 *
 * @param verifyBatchSize rows read per query when verifying the audit chain (at least 1)
 * @param checkpointInterval how often the audit chain head is signed as a checkpoint (at least 1 s)
 * @param sealBatchSize how many journal entries one sealing transaction chains at most
 * @param sealInterval how often the sealer looks for entries no change on this instance asked it to
 *     seal (entries left by an instance that stopped)
 * @param sealWait how long a change's thread waits after commit for its record to be chained before
 *     answering anyway (the record is committed either way); 0, the default, only asks for a pass:
 *     readers of the log wait for one instead, so a call's own events are there when the log is read
 */
@ConfigurationProperties("countersign.audit")
record AuditProperties(
        @DefaultValue("1000") int verifyBatchSize,
        @DefaultValue("PT15M") Duration checkpointInterval,
        @DefaultValue("500") int sealBatchSize,
        @DefaultValue("PT0.5S") Duration sealInterval,
        @DefaultValue("PT0S") Duration sealWait) {

    AuditProperties {
        if (verifyBatchSize < 1) {
            throw new IllegalArgumentException("countersign.audit.verify-batch-size must be at least 1");
        }
        if (sealBatchSize < 1) {
            throw new IllegalArgumentException("countersign.audit.seal-batch-size must be at least 1");
        }
        if (sealInterval.toMillis() < 1 || sealWait.isNegative()) {
            throw new IllegalArgumentException(
                    "countersign.audit.seal-interval must be positive and countersign.audit.seal-wait not negative");
        }
        if (checkpointInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("countersign.audit.checkpoint-interval must be at least one second");
        }
    }
}
