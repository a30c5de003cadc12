package io.countersign.audit;

import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads the audit log and verifies its hash chain; the API and the pages use it, no module writes through it. */
@Service
public class AuditLog {

    private final AuditRows rows;
    private final ChainReader reader;
    private final AuditSealer sealer;

    AuditLog(AuditRows rows, ChainReader reader, AuditSealer sealer) {
        this.rows = rows;
        this.reader = reader;
        this.sealer = sealer;
    }

    /**
     * One page of the events matching {@code query}, newest first, including every event committed
     * before the call: it first waits for a sealing pass.
     *
     * @throws io.countersign.shared.InvalidInputException naming every parameter out of bounds
     */
    @Transactional(readOnly = true)
    public AuditPage query(AuditQuery query) {
        query.check();
        sealer.awaitSealedForReading();
        List<AuditRecord> found = rows.newest(query, query.beforeId(), query.limit() + 1);
        if (found.size() <= query.limit()) {
            return new AuditPage(found, null);
        }
        List<AuditRecord> page = found.subList(0, query.limit());
        return new AuditPage(
                page,
                AuditCursor.after(AuditCursor.EVENTS, page.get(page.size() - 1).id()));
    }

    /**
     * Walks the whole chain in id order, a batch at a time, recomputing every hash and link, checks
     * that the head records the last event and that the chain still contains every stored checkpoint
     * (the event each names carries its hash), and reports the committed events not yet sealed
     * into the chain (after a sealing pass it waits for first). Appends may continue meanwhile.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify() {
        sealer.awaitSealedForReading();
        return reader.walkAgainstCheckpoints(new ChainWalk()).withUnsealed(rows.unsealedTail());
    }

    /**
     * Verifies the whole chain as {@link #verify()} does, and also that it still contains {@code
     * anchor}, a head recorded outside the database: the event it names must carry its hash.
     */
    @Transactional(readOnly = true)
    public ChainVerification verify(ChainAnchor anchor) {
        sealer.awaitSealedForReading();
        return reader.walkAgainstCheckpoints(ChainWalk.against(anchor)).withUnsealed(rows.unsealedTail());
    }
}
