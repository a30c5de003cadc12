package io.countersign.audit;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Checks audit events one by one in id order, holding only the last good event's id and hash, so
 * that a chain of any length is verified in constant memory. Plain Java, no I/O.
 *
 * <p>A walk may also be checked against {@link ChainAnchor heads kept outside the chain}: signed
 * checkpoints and a head an auditor kept. The event each names must carry its hash, and the chain
 * must reach it. Anchors are {@link #expect expected} before the walk passes their event, so only
 * those of the events about to be walked need be held.
 */
final class ChainWalk {

    private final PriorityQueue<ChainAnchor> expected =
            new PriorityQueue<>(Comparator.comparingLong(ChainAnchor::events));
    private long lastId;
    private String lastHash;
    private long lastAnchored;
    private long brokenAt;
    private long foundAfterGap;
    private ChainBreak reason;
    private ChainAnchor contradicted;

    private ChainWalk(long lastId, String lastHash) {
        this.lastId = lastId;
        this.lastHash = lastHash;
    }

    /** A walk of the whole chain from its first event. */
    ChainWalk() {
        this(0, ChainHash.GENESIS);
    }

    /** A walk of the whole chain that must also contain {@code anchor}; null checks no anchor. */
    static ChainWalk against(ChainAnchor anchor) {
        ChainWalk walk = new ChainWalk();
        if (anchor != null) {
            walk.expect(anchor);
        }
        return walk;
    }

    /** A walk that continues after event {@code id}, already known to be intact with hash {@code hash}. */
    static ChainWalk after(long id, String hash) {
        ChainWalk walk = new ChainWalk(id, hash);
        walk.lastAnchored = id;
        return walk;
    }

    /**
     * Adds a head the chain must contain. It must name an event the walk has not passed yet: the
     * caller gives the anchors of each batch before the batch.
     */
    void expect(ChainAnchor anchor) {
        if (anchor.events() <= lastId) {
            throw new IllegalArgumentException("Anchors must be expected before the walk passes their event");
        }
        expected.add(anchor);
    }

    /** Checks the next event; returns false, and accepts nothing more, once the chain is broken. */
    boolean accept(AuditRecord event) {
        if (isBroken()) {
            return false;
        }
        long expectedId = lastId + 1;
        if (event.id() < expectedId) {
            throw new IllegalArgumentException("Events must be given in increasing id order");
        }
        if (event.id() != expectedId) {
            foundAfterGap = event.id();
            return breakAt(expectedId, ChainBreak.MISSING_EVENT);
        }
        if (!lastHash.equals(event.previousHash())) {
            return breakAt(event.id(), ChainBreak.PREVIOUS_HASH_MISMATCH);
        }
        if (!ChainHash.matches(event)) {
            return breakAt(event.id(), ChainBreak.HASH_MISMATCH);
        }
        while (!expected.isEmpty() && expected.peek().events() == event.id()) {
            ChainAnchor anchor = expected.poll();
            if (!anchor.headHash().equals(event.hash())) {
                return contradicts(anchor, ChainBreak.CHECKPOINT_MISMATCH);
            }
            lastAnchored = event.id();
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
     * head records, with the hash the head records, and the chain must reach every anchor.
     */
    ChainVerification finish(long headId, String headHash) {
        if (reason == ChainBreak.MISSING_EVENT && brokenAt > headId) {
            // nothing the head records is missing: the events after the gap were added beyond it
            long firstBeyond = lastId > headId ? headId + 1 : foundAfterGap;
            return new ChainVerification(false, headId, firstBeyond, ChainBreak.EVENT_BEYOND_HEAD, headHash);
        }
        if (isBroken()) {
            return ChainVerification.brokenAt(brokenAt, reason, headHash).contradicting(contradicted);
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
        if (!expected.isEmpty()) {
            // The head was moved back along with the deletion, so the chain is consistent in itself;
            // only the outside copy shows that it used to be longer.
            contradicts(expected.peek(), ChainBreak.CHECKPOINT_MISSING);
            return ChainVerification.brokenAt(brokenAt, reason, headHash).contradicting(contradicted);
        }
        return ChainVerification.intact(lastId, headHash);
    }

    /**
     * A consistent rewrite or truncation can begin anywhere after the last anchor that still holds,
     * so the first event after it is the first one the walk can no longer vouch for.
     */
    private boolean contradicts(ChainAnchor anchor, ChainBreak why) {
        contradicted = anchor;
        return breakAt(lastAnchored + 1, why);
    }

    private boolean breakAt(long id, ChainBreak why) {
        brokenAt = id;
        reason = why;
        return false;
    }
}
