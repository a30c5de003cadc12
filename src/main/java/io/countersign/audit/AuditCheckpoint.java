package io.countersign.audit;

import java.time.Instant;

/**
 * A signed statement that at {@code at} the chain's head was event number {@code events} with hash
 * {@code headHash}. {@code signature} is base64 of the Ed25519 signature of {@link
 * CheckpointStatement the statement}, by the key {@code keyId} (see {@link CheckpointKey}).
 */
public record AuditCheckpoint(long id, Instant at, long events, String headHash, String keyId, String signature) {

    /** The anchor to verify the chain against later. */
    public ChainAnchor anchor() {
        return new ChainAnchor(events, headHash);
    }
}
