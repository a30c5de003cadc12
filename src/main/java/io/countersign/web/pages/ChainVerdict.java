package io.countersign.web.pages;

import io.countersign.audit.ChainBreak;
import io.countersign.audit.ChainVerification;

/**
 * The audit page's one sentence on a verification. A break the chain shows itself is at one event; a
 * contradicted checkpoint only bounds a consistent rewrite, which may have begun at any event after
 * the last checkpoint that holds, so the sentence names that range rather than one event.
 */
final class ChainVerdict {

    private ChainVerdict() {}

    static String of(ChainVerification v) {
        if (v.valid()) {
            return "The chain is intact: " + v.events() + " events verified.";
        }
        String code = " (" + v.reason().code() + ").";
        if (v.checkpoint() == null) {
            return "The chain is broken at event " + v.firstBrokenEventId() + code;
        }
        long at = v.checkpoint().events();
        if (v.reason() == ChainBreak.CHECKPOINT_MISSING) {
            return "The chain ends before the checkpoint at event " + at
                    + ": events up to it were deleted and the head moved back since it was signed, from event "
                    + v.firstBrokenEventId() + " on at the earliest" + code;
        }
        return "The chain does not match the checkpoint at event " + at + ": an event from " + v.firstBrokenEventId()
                + " to " + at + " was changed since it was signed" + code;
    }
}
