package io.countersign.audit;

import java.time.Instant;

/**
 * The outcome of walking the chain. {@code events} counts the events proven intact, from id 1 on;
 * when the chain is broken, {@code firstBrokenEventId} is the first id whose check failed and
 * {@code reason} says which check. {@code headHash} is the hash the head records: publish it
 * outside the database to detect a rewrite of the whole chain.
 *
 * <p>{@code unsealedEvents} counts the committed events not yet linked into the chain (normally none,
 * or those of the last fraction of a second) and {@code oldestUnsealedAt} says when the oldest of
 * them happened: a tail that stays is a sealer that does not run.
 */
public record ChainVerification(
        boolean valid,
        long events,
        Long firstBrokenEventId,
        ChainBreak reason,
        String headHash,
        long unsealedEvents,
        Instant oldestUnsealedAt) {

    public ChainVerification(boolean valid, long events, Long firstBrokenEventId, ChainBreak reason, String headHash) {
        this(valid, events, firstBrokenEventId, reason, headHash, 0, null);
    }

    static ChainVerification intact(long events, String headHash) {
        return new ChainVerification(true, events, null, null, headHash);
    }

    static ChainVerification brokenAt(long eventId, ChainBreak reason, String headHash) {
        return new ChainVerification(false, eventId - 1, eventId, reason, headHash);
    }

    ChainVerification withUnsealed(UnsealedTail tail) {
        return new ChainVerification(
                valid, events, firstBrokenEventId, reason, headHash, tail.events(), tail.oldestOccurredAt());
    }
}
