package io.countersign.request;

import io.countersign.policy.OnTimeout;
import io.countersign.shared.Channel;
import io.countersign.shared.TimesForPeople;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a timeout does to the current step, also when the step can no longer gather its approvals:
 * {@code ESCALATE} widens it once to its escalation approvers (when that lets it complete), and
 * anything else rejects the request with a SYSTEM decision.
 */
final class StepTimeout {

    private static final Pattern STORED_TIMEOUT =
            Pattern.compile("step \\d+ timed out at (\\d{4}-\\d{2}-\\d{2}T\\S+Z)");

    private StepTimeout() {}

    /**
     * Escalates or rejects the request's current {@code step}. With {@code mustComplete} (the step lost
     * its approvers) an escalation that still cannot complete rejects at once rather than wait.
     */
    static void apply(AccessRequest request, RequestStep step, String reason, boolean mustComplete, Instant at) {
        if (step.onTimeout() == OnTimeout.ESCALATE && !step.escalated()) {
            String requesterId = request.details().requesterId();
            ApprovalRules rules = request.rules();
            // only those who could approve: the requester without self-approval, or whoever approved an
            // earlier step under distinct approvers, would be asked in vain and hold the step open
            List<Participant> added = step.escalation().stream()
                    .filter(person -> !step.isEligible(person.id()))
                    .filter(person -> SeparationOfDuties.letsApprove(
                            rules, requesterId, request.decisions(), person.id(), request.currentStep()))
                    .toList();
            if (!added.isEmpty()) {
                RequestStep widened = step.escalatedTo(added, at);
                if (!mustComplete
                        || StepTally.canStillComplete(
                                widened, request.currentStep(), rules, requesterId, request.decisions())) {
                    request.escalateCurrent(widened, added, !mustComplete);
                    return;
                }
            }
        }
        // a step short of approvers, or one that timed out after its escalation, says whom the escalation
        // could not ask and why; a step that rejects on timeout escalates to nobody
        boolean escalates = mustComplete || step.onTimeout() == OnTimeout.ESCALATE;
        request.rejectBySystem(step, escalates ? reason + leftOut(request, step) : reason, at);
    }

    /**
     * Those the step escalates to (now or earlier) whom separation of duties keeps from approving it,
     * and why, as the end of the reason a step short of approvers or out of time gives; empty when there
     * are none. A
     * withdrawn approval no longer counts, yet still keeps the person who gave it out of the step, so
     * the reason names them rather than leave readers to wonder why they were not asked.
     */
    private static String leftOut(AccessRequest request, RequestStep step) {
        List<String> why = new ArrayList<>();
        for (Participant person : step.escalation()) {
            if (!step.isEligible(person.id())) {
                SeparationOfDuties.keptOutBecause(
                                request.rules(),
                                request.details().requesterId(),
                                request.decisions(),
                                person.id(),
                                request.currentStep())
                        .ifPresent(because -> why.add(person.username() + " " + because));
            }
        }
        return why.isEmpty() ? "" : ": of those it escalates to, " + String.join(", ", why);
    }

    /**
     * Whether the request ended because {@code step} ran out of time: rejected by the system once the
     * step's deadline had passed, not because the step lost the approvers it needs before then.
     */
    static boolean endedRequestAt(AccessRequest request, int step) {
        // a request without steps (break-glass) has no step to run out of time
        if (step >= request.steps().size()) {
            return false;
        }
        Instant deadline = request.steps().get(step).deadline();
        return request.status() == RequestStatus.REJECTED
                && deadline != null
                && request.decisions().stream()
                        .anyMatch(d -> d.step() == step
                                && d.channel() == Channel.SYSTEM
                                && !d.isApproval()
                                && !d.at().isBefore(deadline));
    }

    /**
     * The reason a step's timeout gives for rejecting the request, the SYSTEM decision's comment that
     * mail, pages and chat show as it is: written as they write times, while the step's deadline keeps
     * the exact instant for scripts.
     */
    static String timedOut(int step, Instant deadline) {
        return "step " + (step + 1) + " timed out at " + TimesForPeople.at(deadline);
    }

    /**
     * A stored decision's comment as {@link #timedOut} writes it now. Earlier versions wrote a timeout's
     * reason with the deadline's exact instant, and earlier still counted its step from 0; read back,
     * such a reason takes the form people read everywhere else, numbered from the decision's own step.
     * Only a SYSTEM decision's comment is rewritten: what a person wrote is shown as they wrote it. The
     * stored row and the audit log keep what was written then.
     */
    static String asWrittenNow(int step, Channel channel, String comment) {
        Matcher stored = comment == null || channel != Channel.SYSTEM ? null : STORED_TIMEOUT.matcher(comment);
        if (stored == null || !stored.matches()) {
            return comment;
        }
        try {
            return timedOut(step, Instant.parse(stored.group(1)));
        } catch (DateTimeParseException e) {
            return comment;
        }
    }

    /** The reason given when a step has lost the approvers it needs. */
    static String infeasible(int step) {
        return "step " + (step + 1) + " can no longer get its approvals";
    }
}
