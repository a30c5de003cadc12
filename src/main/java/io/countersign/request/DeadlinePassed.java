package io.countersign.request;

import io.countersign.shared.ConflictException;

/**
 * A decision or cancellation came after a deadline (the request's time-to-live or its current step's
 * deadline). The timeout it overtook has been applied and committed instead, exactly as the timers
 * would have applied it; the message says which deadline passed and what happened.
 */
public class DeadlinePassed extends ConflictException {

    DeadlinePassed(TimerOutcome outcome) {
        super(outcome.reason());
    }
}
