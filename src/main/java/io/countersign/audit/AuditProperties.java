package io.countersign.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code countersign.audit.verify-batch-size}: how many events verification reads per query. It
 * bounds the memory a verification needs whatever the length of the log.
 *
 * <p>{@code countersign.audit.checkpoint-interval}: how often the chain head is signed and published
 * as a checkpoint. It is the window in which the newest events could be deleted unnoticed by anyone
 * who keeps the checkpoints outside the database.
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
