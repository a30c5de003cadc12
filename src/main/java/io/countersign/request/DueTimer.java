package io.countersign.request;

import java.time.Instant;
import java.util.Optional;

/**
 * What a due timer does to a pending request: an ended time-to-live expires it; a passed deadline of
 * the current step escalates the step or rejects the request (see {@link StepTimeout}).
 */
final class DueTimer {

    private DueTimer() {}

    /**
     * Ends a pending request whose time-to-live has run out; returns false (and changes nothing)
     * when the request is not pending or not yet due.
     */
    static boolean expireIfDue(AccessRequest request, Instant at) {
        if (request.status() != RequestStatus.PENDING
                || at.isBefore(request.details().expiresAt())) {
            return false;
        }
        request.expire(at);
        return true;
    }

    /**
     * Applies the current step's timeout once its deadline has passed. {@code ESCALATE} widens the
     * step, once, to its escalation approvers with a fresh deadline; {@code REJECT}, a second timeout
     * or an escalation with nobody to escalate to rejects the request with a SYSTEM decision. Returns
     * false (and changes nothing) when nothing is due.
     */
    static boolean timeOutIfDue(AccessRequest request, Instant at) {
        RequestStep step = pendingStep(request);
        if (step == null || step.deadline() == null || at.isBefore(step.deadline())) {
            return false;
        }
        StepTimeout.apply(request, step, StepTimeout.timedOut(request.currentStep(), step.deadline()), false, at);
        return true;
    }

    /**
     * Applies the timer that is due at {@code at}, exactly as the sweep does. Returns what happened,
     * for a write that time overtook to explain; empty (and nothing changed) when nothing was due.
     */
    static Optional<TimerOutcome> apply(AccessRequest request, Instant at) {
        if (expireIfDue(request, at)) {
            return Optional.of(
                    TimerOutcome.expired(request.id(), request.details().expiresAt()));
        }
        RequestStep before = pendingStep(request);
        if (before == null || !timeOutIfDue(request, at)) {
            return Optional.empty();
        }
        RequestStep after = request.steps().get(request.currentStep());
        return Optional.of(TimerOutcome.stepTimedOut(request.id(), before, after, request.status()));
    }

    /** The step a pending request waits on; null when it has ended or has no steps. */
    private static RequestStep pendingStep(AccessRequest request) {
        if (request.status() != RequestStatus.PENDING || request.steps().isEmpty()) {
            return null;
        }
        return request.steps().get(request.currentStep());
    }
}
