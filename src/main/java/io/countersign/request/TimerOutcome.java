package io.countersign.request;

import java.time.Instant;
import java.util.List;

/**
 * What a due timer did to a request, worded for the person whose decision or cancellation it
 * overtook; {@code ended} tells whether the request is still pending afterwards.
 */
record TimerOutcome(String reason, boolean ended) {

    static TimerOutcome expired(String requestId, Instant expiresAt) {
        return new TimerOutcome(
                "Request " + requestId + " expired at " + expiresAt
                        + ": its time-to-live ended before this call, so it is now EXPIRED and can no longer be"
                        + " decided or cancelled.",
                true);
    }

    static TimerOutcome stepTimedOut(String requestId, RequestStep before, RequestStep after, RequestStatus status) {
        String step = "step " + (before.index() + 1) + (before.name() == null ? "" : " '" + before.name() + "'");
        String passed = "The step deadline passed at " + before.deadline() + ": " + step + " of request " + requestId;
        if (status == RequestStatus.PENDING) {
            List<String> added = after.eligibleApprovers().stream()
                    .filter(user -> !before.isEligible(user))
                    .toList();
            return new TimerOutcome(
                    passed + " was escalated to " + added + " with a new deadline at " + after.deadline()
                            + ". This decision was not recorded; decide again if you still may.",
                    false);
        }
        return new TimerOutcome(passed + " timed out and the request was " + status + ".", true);
    }
}
