package io.countersign.audit;

/**
 * A checkpoint was recorded, published in the transaction that stores it so that notifications
 * commit with it. It is not itself an audited change: the checkpoint describes the log.
 */
public record AuditCheckpointed(AuditCheckpoint checkpoint, CheckpointKey key) {}
