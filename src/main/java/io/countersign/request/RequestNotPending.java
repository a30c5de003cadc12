package io.countersign.request;

import io.countersign.shared.ConflictException;
import java.time.Instant;

/** A decision or cancellation reached a request that has already ended (or outlived its time-to-live). */
public class RequestNotPending extends ConflictException {

    RequestNotPending(String requestId, RequestStatus status) {
        super("Request " + requestId + " is " + status + " and can no longer be decided or cancelled.");
    }

    /** The request was rejected by its step's timeout: worded as when the refused call applied it. */
    RequestNotPending(TimerOutcome timedOut) {
        super(timedOut.reason());
    }

    RequestNotPending(String requestId, Instant expiredAt) {
        super("Request " + requestId + " expired at " + expiredAt + " and can no longer be decided or cancelled.");
    }
}
