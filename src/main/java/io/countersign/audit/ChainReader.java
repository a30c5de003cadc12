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
    private final CheckpointRows checkpoints;
    private final int batchSize;

    ChainReader(AuditRows rows, CheckpointRows checkpoints, AuditProperties properties) {
        this.rows = rows;
        this.checkpoints = checkpoints;
        this.batchSize = properties.verifyBatchSize();
    }

    /** Walks from where {@code walk} stands to the head and returns the verdict. Call inside a transaction. */
    ChainVerification walkToHead(ChainWalk walk) {
        return walkToHead(walk, null);
    }

    /**
     * Walks as {@link #walkToHead(ChainWalk)} does and checks the chain against every stored
     * checkpoint on the way, at no more cost than one query per batch: the event each one names must
     * carry its hash, and the chain must reach the newest.
     */
    ChainVerification walkAgainstCheckpoints(ChainWalk walk) {
        // Bounded before the head is read: a checkpoint recorded later may name events after that head.
        return walkToHead(walk, new CheckpointFeed(checkpoints.lastId()));
    }

    private ChainVerification walkToHead(ChainWalk walk, CheckpointFeed feed) {
        walk(walk, Long.MAX_VALUE, feed);
        // Read after the rows: an event and its head update commit together, so a head read now is
        // never behind the events already read. A head ahead of them means events committed while we
        // walked, or events that were deleted; reading up to the head tells which.
        ChainHead head = rows.head();
        if (head.lastId() > walk.lastId()) {
            walk(walk, head.lastId(), feed);
        }
        if (feed != null && !walk.isBroken()) {
            feed.feedPast(walk, walk.lastId());
        }
        return walk.finish(head.lastId(), head.lastHash());
    }

    private void walk(ChainWalk walk, long upToId, CheckpointFeed feed) {
        while (!walk.isBroken()) {
            List<AuditRecord> batch = rows.chainSlice(walk.lastId(), upToId, batchSize);
            if (feed != null && !batch.isEmpty()) {
                feed.feedPast(walk, batch.get(batch.size() - 1).id());
            }
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

    /**
     * The stored checkpoints in id order, a page at a time. The service records each with more events
     * than the one before, so a page's last checkpoint is its furthest; rows out of that order were
     * not written by the service and are skipped once the walk has passed their event, as a deleted
     * row would be.
     */
    private final class CheckpointFeed {

        private final long lastCheckpointId;
        private long fedCheckpointId;
        private long fedEvents;

        CheckpointFeed(long lastCheckpointId) {
            this.lastCheckpointId = lastCheckpointId;
        }

        /** Gives the walk every checkpoint up to event {@code eventId}, and at least one beyond it if any. */
        void feedPast(ChainWalk walk, long eventId) {
            while (fedCheckpointId < lastCheckpointId && fedEvents <= eventId) {
                List<AuditCheckpoint> page = checkpoints.oldest(fedCheckpointId, lastCheckpointId, batchSize);
                if (page.isEmpty()) {
                    fedCheckpointId = lastCheckpointId;
                    return;
                }
                for (AuditCheckpoint checkpoint : page) {
                    if (checkpoint.events() > walk.lastId()) {
                        walk.expect(checkpoint.anchor());
                    }
                    fedCheckpointId = checkpoint.id();
                    fedEvents = Math.max(fedEvents, checkpoint.events());
                }
            }
        }
    }
}
