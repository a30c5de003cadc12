package io.countersign.audit;

/**
 * The outcome of walking the chain. {@code events} counts the events proven intact, from id 1 on;
 * when the chain is broken, {@code firstBrokenEventId} is the first id whose check failed and
 * {@code reason} says which check. {@code headHash} is the hash the head records: publish it
 * outside the database to detect a rewrite of the whole chain.
 */
public record ChainVerification(
        boolean valid, long events, Long firstBrokenEventId, ChainBreak reason, String headHash) {

    static ChainVerification intact(long events, String headHash) {
        return new ChainVerification(true, events, null, null, headHash);
    }

    static ChainVerification brokenAt(long eventId, ChainBreak reason, String headHash) {
        return new ChainVerification(false, eventId - 1, eventId, reason, headHash);
    }
}
