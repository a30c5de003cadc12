package io.countersign.audit;

import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Feeds a {@link ChainWalk} from the database a batch at a time, up to the head, so that memory
 * stays bounded whatever the length of the log. Appends may continue meanwhile.
 */
@Component
class ChainReader {

    private final AuditRows rows;
    private final int batchSize;

    ChainReader(AuditRows rows, AuditProperties properties) {
        this.rows = rows;
        this.batchSize = properties.verifyBatchSize();
    }

    /** Walks from where {@code walk} stands to the head and returns the verdict. Call inside a transaction. */
    ChainVerification walkToHead(ChainWalk walk) {
        walk(walk, Long.MAX_VALUE);
        // Read after the rows: an event and its head update commit together, so a head read now is
        // never behind the events already read. A head ahead of them means events committed while we
        // walked, or events that were deleted; reading up to the head tells which.
        ChainHead head = rows.head();
        if (head.lastId() > walk.lastId()) {
            walk(walk, head.lastId());
        }
        return walk.finish(head.lastId(), head.lastHash());
    }

    private void walk(ChainWalk walk, long upToId) {
        while (!walk.isBroken()) {
            List<AuditRecord> batch = rows.chainSlice(walk.lastId(), upToId, batchSize);
            for (AuditRecord event : batch) {
                if (!walk.accept(event)) {
                    return;
                }
            }
            if (batch.size() < batchSize) {
                return;
            }
        }
    }
}
