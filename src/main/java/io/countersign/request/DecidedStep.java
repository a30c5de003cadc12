package io.countersign.request;

import io.countersign.shared.ConflictException;
import io.countersign.shared.InvalidInputException;
import java.time.Instant;
import java.util.List;

/**
 * Which step an approval or a rejection is for. A decision names the step its maker saw (a page's
 * form, the API's {@code step}) or, without one, is for the step current when it arrived: either way
 * it never lands on a later step because another approval completed the one its maker meant while
 * the decision waited for the request's lock.
 */
final class DecidedStep {

    private DecidedStep() {}

    /**
     * The request, locked, is still at the step the decision names, numbered from 0 as both the API's
     * {@code step} and the pages' forms send it. Refusals name steps as their {@code reader} does:
     * from 1, and on the pages by name too; an API caller is also told the values it may send.
     *
     * @throws InvalidInputException when the request has no such step
     * @throws ConflictException when the request has moved on past that step, or not yet reached it
     */
    static void ensureNamed(AccessRequest request, int step, StepReader reader) {
        String id = request.id();
        int count = request.steps().size();
        boolean pending = request.status() == RequestStatus.PENDING;
        int current = request.currentStep();
        if (step < 0 || step >= count) {
            // the number sent is not one people read (the page's form counts from 0, its text from 1):
            // repeating it, or a range of numbers, would name steps in a count the reader never saw
            String message = reader == StepReader.API
                    ? "its steps are 1 to " + count + " (\"step\" 0 to " + (count - 1) + ")"
                    : (pending && current < count ? "it waits on step " + reader.number(request, current) + ": " : "")
                            + "open it again and decide the step its page shows";
            throw InvalidInputException.of("step", "no_such_step", "request " + id + " has no such step; " + message);
        }
        if (!pending) {
            return; // refused as no longer pending, in the words every decision uses
        }
        if (step > current) {
            throw new ConflictException("Step " + reader.number(request, step) + " of request " + id
                    + " has not begun: step " + reader.number(request, current)
                    + " waits for a decision first, and only it can be decided.");
        }
        if (step < current) {
            throw new ConflictException("Request " + id + " has moved on to step " + reader.number(request, current)
                    + " since step " + reader.number(request, step) + ", which this decision names; nothing was"
                    + " decided. Look at it again before deciding.");
        }
    }

    /**
     * A decision that names no step is for the step current when it arrived ({@code arrived}, read
     * before the lock was waited for). When another approval completed that step meanwhile, and the
     * person could have decided it, the decision was meant for it: refused rather than recorded on the
     * next step. A person who could not have decided the step they arrived at can only mean the next.
     *
     * @throws ConflictException when the request moved on past the step current when the decision arrived
     */
    static void ensureNotOvertaken(
            AccessRequest request, int arrived, String userId, List<Delegation> inForce, Instant at) {
        if (request.status() != RequestStatus.PENDING
                || arrived >= request.currentStep()
                || arrived < 0
                || !couldDecide(request, arrived, userId, inForce, at)) {
            return;
        }
        // the approval that completed the step may have been this person's own, sent before: said as
        // a call that waited for none would hear it
        ApprovedAnEarlierStep.ofMovedOn(request, userId).ifPresent(approved -> {
            throw approved;
        });
        throw new ConflictException("Request " + request.id() + " moved on to step " + (request.currentStep() + 1)
                + " while this decision waited: another approval completed step " + (arrived + 1)
                + ", the current step when it arrived. Nothing was decided; read the request again, and send"
                + " \"step\": " + request.currentStep() + " to decide the new step.");
    }

    /** Whether the person is an approver of the step, in their own right or by a delegation in force. */
    private static boolean couldDecide(
            AccessRequest request, int step, String userId, List<Delegation> inForce, Instant at) {
        RequestStep decided = request.steps().get(step);
        if (decided.isEligible(userId)) {
            return true;
        }
        return inForce.stream()
                .anyMatch(d -> d.delegate().id().equals(userId)
                        && d.inForceAt(at)
                        && d.covers(request.details().resource())
                        && decided.isEligible(d.delegator().id()));
    }
}
