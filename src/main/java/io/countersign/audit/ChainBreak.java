package io.countersign.audit;

import java.util.Locale;

/** Why verification stopped at an event. */
public enum ChainBreak {
    /** The id is absent: ids must run from 1 without gaps up to the head. */
    MISSING_EVENT,
    /** The event's previous hash is not its predecessor's hash: it was moved, replaced or re-linked. */
    PREVIOUS_HASH_MISMATCH,
    /** The event's contents no longer produce its stored hash: a column was changed. */
    HASH_MISMATCH,
    /** The event lies beyond the last id the head records: it was added outside the log. */
    EVENT_BEYOND_HEAD,
    /** The last event's hash is not the hash the head records. */
    HEAD_MISMATCH,
    /**
     * The event a checkpoint names carries another hash than the checkpoint: it, or an event before
     * it, was rewritten since.
     */
    CHECKPOINT_MISMATCH,
    /**
     * The chain ends before the event a checkpoint names: the newest events were deleted and the head
     * moved back.
     */
    CHECKPOINT_MISSING;

    /** The stable lower-case code clients see, such as {@code hash_mismatch}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
