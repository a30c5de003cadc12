package io.countersign.audit;

import java.time.Instant;

/**
 * The outcome of walking the chain. {@code events} counts the events proven intact, from id 1 on;
 * when the chain is broken, {@code firstBrokenEventId} is the first id whose check failed and
 * {@code reason} says which check. {@code headHash} is the hash the head records: publish it
 * outside the database to detect a rewrite of the whole chain.
 *
 * <p>When a checkpoint or a kept head contradicts the chain ({@code checkpoint_mismatch}, {@code
 * checkpoint_missing}), {@code checkpoint} is the earliest one it contradicts, and {@code
 * firstBrokenEventId} the first event after the last one that still holds (1 when none does): a
 * consistent rewrite leaves each event self-consistent, so it may have begun anywhere from there up
 * to the contradicted checkpoint's event.
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
        ChainAnchor checkpoint,
        long unsealedEvents,
        Instant oldestUnsealedAt) {

    public ChainVerification(boolean valid, long events, Long firstBrokenEventId, ChainBreak reason, String headHash) {
        this(valid, events, firstBrokenEventId, reason, headHash, null, 0, null);
    }

    static ChainVerification intact(long events, String headHash) {
        return new ChainVerification(true, events, null, null, headHash);
    }

    static ChainVerification brokenAt(long eventId, ChainBreak reason, String headHash) {
        return new ChainVerification(false, eventId - 1, eventId, reason, headHash);
    }

    ChainVerification contradicting(ChainAnchor contradicted) {
        return new ChainVerification(
                valid, events, firstBrokenEventId, reason, headHash, contradicted, unsealedEvents, oldestUnsealedAt);
    }

    ChainVerification withUnsealed(UnsealedTail tail) {
        return new ChainVerification(
                valid,
                events,
                firstBrokenEventId,
                reason,
                headHash,
                checkpoint,
                tail.events(),
                tail.oldestOccurredAt());
    }
}
