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
 */
@ConfigurationProperties("countersign.audit")
record AuditProperties(
        @DefaultValue("1000") int verifyBatchSize,
        @DefaultValue("PT15M") Duration checkpointInterval) {

    AuditProperties {
        if (verifyBatchSize < 1) {
            throw new IllegalArgumentException("countersign.audit.verify-batch-size must be at least 1");
        }
        if (checkpointInterval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("countersign.audit.checkpoint-interval must be at least one second");
        }
    }
}
