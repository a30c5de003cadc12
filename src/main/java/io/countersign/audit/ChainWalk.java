package io.countersign.audit;

/**
 * Checks audit events one by one in id order, holding only the last good event's id and hash, so
 * that a chain of any length is verified in constant memory. Plain Java, no I/O.
 *
 * <p>A walk may be checked against an {@link ChainAnchor anchor} kept outside the database: the
 * event it names must carry its hash, and the chain must reach it.
 */
final class ChainWalk {

    private final ChainAnchor anchor;
    private long lastId;
    private String lastHash;
    private long brokenAt;
    private ChainBreak reason;

    private ChainWalk(long lastId, String lastHash, ChainAnchor anchor) {
        this.lastId = lastId;
        this.lastHash = lastHash;
        this.anchor = anchor;
    }

    /** A walk of the whole chain from its first event. */
    ChainWalk() {
        this(0, ChainHash.GENESIS, null);
    }

    /** A walk of the whole chain that must also contain {@code anchor}; null checks no anchor. */
    static ChainWalk against(ChainAnchor anchor) {
        return new ChainWalk(0, ChainHash.GENESIS, anchor);
    }

    /** A walk that continues after event {@code id}, already known to be intact with hash {@code hash}. */
    static ChainWalk after(long id, String hash) {
        return new ChainWalk(id, hash, null);
    }

    /** Checks the next event; returns false, and accepts nothing more, once the chain is broken. */
    boolean accept(AuditRecord event) {
        if (isBroken()) {
            return false;
        }
        long expected = lastId + 1;
        if (event.id() < expected) {
            throw new IllegalArgumentException("Events must be given in increasing id order");
        }
        if (event.id() != expected) {
            return breakAt(expected, ChainBreak.MISSING_EVENT);
        }
        if (!lastHash.equals(event.previousHash())) {
            return breakAt(event.id(), ChainBreak.PREVIOUS_HASH_MISMATCH);
        }
        if (!ChainHash.matches(event)) {
            return breakAt(event.id(), ChainBreak.HASH_MISMATCH);
        }
        if (anchor != null
                && anchor.events() == event.id()
                && !anchor.headHash().equals(event.hash())) {
            return breakAt(event.id(), ChainBreak.CHECKPOINT_MISMATCH);
        }
        lastId = event.id();
        lastHash = event.hash();
        return true;
    }

    boolean isBroken() {
        return reason != null;
    }

    /** The id of the last event proven intact; 0 before the first. */
    long lastId() {
        return lastId;
    }

    /**
     * The verdict once every event up to the head has been given: the last event must be the one the
     * head records, with the hash the head records, and the chain must reach the anchor.
     */
    ChainVerification finish(long headId, String headHash) {
        if (isBroken()) {
            return ChainVerification.brokenAt(brokenAt, reason, headHash);
        }
        if (headId < lastId) {
            return ChainVerification.brokenAt(headId + 1, ChainBreak.EVENT_BEYOND_HEAD, headHash);
        }
        if (headId > lastId) {
            return ChainVerification.brokenAt(lastId + 1, ChainBreak.MISSING_EVENT, headHash);
        }
        if (!lastHash.equals(headHash)) {
            return ChainVerification.brokenAt(Math.max(lastId, 1), ChainBreak.HEAD_MISMATCH, headHash);
        }
        if (anchor != null && anchor.events() > lastId) {
            // The head was moved back along with the deletion, so the chain is consistent in itself;
            // only the outside copy shows that it used to be longer.
            return ChainVerification.brokenAt(lastId + 1, ChainBreak.CHECKPOINT_MISSING, headHash);
        }
        return ChainVerification.intact(lastId, headHash);
    }

    private boolean breakAt(long id, ChainBreak why) {
        brokenAt = id;
        reason = why;
        return false;
    }
}
