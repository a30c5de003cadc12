package io.countersign.audit;

import io.countersign.shared.settings.Setting;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit chain verification and checkpoints. The batch size bounds the memory a verification needs
 * whatever the length of the log; the checkpoint interval is the window in which the newest events
 * could be deleted unnoticed by anyone who keeps the checkpoints outside the database.
 *
 * @param verifyBatchSize rows read per query when verifying the audit chain (at least 1)
 * @param checkpointInterval how often the audit chain head is signed as a checkpoint (at least 1 s);
 *     the same on every instance, whose timer it shares
 * @param sealBatchSize how many journal entries one sealing transaction chains at most
 * @param sealInterval how often the sealer looks for entries no change on this instance asked it to
 *     seal (entries left by an instance that stopped)
 * @param sealWait how long a change's thread waits after commit for its record to be chained before
 *     answering anyway (the record is committed either way); 0, the default, only asks for a pass:
 *     readers of the log wait for one instead, so a call's own events are there when the log is read
 * @param exportConcurrency how many audit exports may run at once on an instance (at least 1); one more
 *     is refused with 429 and Retry-After until one of them ends
 */
@ConfigurationProperties("countersign.audit")
record AuditProperties(
        @DefaultValue("1000") int verifyBatchSize,
        @DefaultValue("PT15M") Duration checkpointInterval,
        @DefaultValue("500") int sealBatchSize,
        @DefaultValue("PT0.5S") Duration sealInterval,
        @DefaultValue("PT0S") Duration sealWait,
        @DefaultValue("2") int exportConcurrency) {

    AuditProperties {
        Setting.of("countersign.audit.verify-batch-size").requireAtLeast(1, verifyBatchSize);
        Setting.of("countersign.audit.seal-batch-size").requireAtLeast(1, sealBatchSize);
        // a shorter wait between its passes would have the sealer query the journal almost without pause
        Setting.of("countersign.audit.seal-interval")
                .requireAtLeast(Duration.ofMillis(1), "1 ms, e.g. PT0.5S", sealInterval);
        Setting.of("countersign.audit.seal-wait").requireNotNegative(sealWait);
        Setting.of("countersign.audit.export-concurrency").requireAtLeast(1, exportConcurrency);
        Setting.of("countersign.audit.checkpoint-interval")
                .requireAtLeast(Duration.ofSeconds(1), "one second", checkpointInterval);
    }
}
