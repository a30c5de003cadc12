package io.countersign.audit;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log and verifies its hash chain; the API and the pages use it, no module writes through it. */
@Service
public class AuditLog {

    private final AuditRows rows;
    private final int batchSize;

    AuditLog(AuditRows rows, AuditProperties properties) {
        this.rows = rows;
        this.batchSize = properties.verifyBatchSize();
    }

    /**
     * One page of the events matching {@code query}, newest first.
     *
     * @throws io.countersign.shared.InvalidInputException naming every parameter out of bounds
     */
    @Transactional(readOnly = true)
    public AuditPage query(AuditQuery query) {
        query.check();
        List<AuditRecord> found = rows.newest(query, query.beforeId(), query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new AuditPage(found, null);
        }
        List<AuditRecord> page = found.subList(0, query.limit());
        return new AuditPage(page, AuditCursor.after(page.get(page.size() - 1).id()));
    }

    /**
     * Walks the whole chain in id order, a batch at a time, recomputing every hash and link, and
     * checks that the head records the last event. Appends may continue meanwhile.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        ChainWalk walk = new ChainWalk();
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
