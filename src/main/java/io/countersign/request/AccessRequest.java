package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.OnTimeout;
import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * An access request and its approval workflow: the frozen step snapshot, the decisions, and the
 * guarded transitions between {@code PENDING} and its final states. Plain Java without I/O; every
 * transition either throws a business-named exception and changes nothing, or changes the request
 * and registers the past-tense events that describe the change (drained with {@link #pullEvents()}).
 */
public final class AccessRequest {

    private final RequestDetails details;
    private final ApprovalRules rules;
    private final List<RequestStep> steps;
    private final List<Decision> decisions;
    private final List<AuditableEvent> events = new ArrayList<>();
    private final List<String> withdrawn = new ArrayList<>();
    private final int persistedDecisions;
    private final long version;
    private RequestStatus status;
    private int currentStep;
    private Instant closedAt;

    private AccessRequest(
            RequestDetails details,
            ApprovalRules rules,
            List<RequestStep> steps,
            List<Decision> decisions,
            RequestStatus status,
            int currentStep,
            Instant closedAt,
            long version) {
        this.details = Objects.requireNonNull(details);
        this.rules = Objects.requireNonNull(rules);
        this.steps = new ArrayList<>(steps);
        this.decisions = new ArrayList<>(decisions);
        this.persistedDecisions = decisions.size();
        this.status = status;
        this.currentStep = currentStep;
        this.closedAt = closedAt;
        this.version = version;
    }

    /**
     * Opens a request under a plan: registers {@link RequestCreated}, then either approves it at once
     * (an auto-approved plan, recorded as one SYSTEM decision) or starts its first step.
     */
    static AccessRequest open(RequestDetails details, ApprovalPlan plan, Actor creator, Function<String, String> idOf) {
        List<RequestStep> steps = new ArrayList<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            steps.add(RequestStep.planned(i, plan.steps().get(i), idOf));
        }
        ApprovalRules rules = new ApprovalRules(plan.allowSelfApproval(), plan.distinctApproversAcrossSteps());
        AccessRequest request = new AccessRequest(details, rules, steps, List.of(), RequestStatus.PENDING, 0, null, 0);
        request.register(new RequestCreated(
                creator,
                details.id(),
                details.requester(),
                details.resource(),
                details.account(),
                details.duration(),
                details.startsAt(),
                details.policyName(),
                details.expiresAt(),
                details.justification(),
                details.ticket()));
        Instant at = details.createdAt();
        if (plan.autoApprovedBecause() != null) {
            request.approveWhole(plan.autoApprovedBecause(), at);
        } else {
            request.advanceFrom(-1, creator, at);
        }
        return request;
    }

    /** Rebuilds a stored request; registers nothing. */
    static AccessRequest restore(
            RequestDetails details,
            ApprovalRules rules,
            List<RequestStep> steps,
            List<Decision> decisions,
            RequestStatus status,
            int currentStep,
            Instant closedAt,
            long version) {
        return new AccessRequest(details, rules, steps, decisions, status, currentStep, closedAt, version);
    }

    /**
     * Counts an approval by an eligible approver of the current step. Completing the step starts the
     * next one (auto-approved steps complete at once); completing the last step approves the request.
     */
    void approve(Actor approver, String approverId, String comment, Instant at) {
        String username = approver.username();
        RequestStep step = guardDecision(username, approverId, at);
        OptionalInt earlier = SeparationOfDuties.earlierApprovedStep(rules, decisions, approverId, currentStep);
        if (earlier.isPresent()) {
            throw new ApprovedAnEarlierStep(username, id(), earlier.getAsInt());
        }
        decisions.add(
                new Decision(username, approverId, currentStep, Verdict.APPROVE, comment, approver.channel(), at));
        int approvals = approvalsOn(currentStep);
        register(new ApprovalRecorded(
                approver, id(), currentStep, step.name(), approvals, step.requiredApprovals(), comment));
        if (approvals >= step.requiredApprovals()) {
            steps.set(currentStep, step.with(StepStatus.APPROVED));
            advanceFrom(currentStep, approver, at);
        }
    }

    /** One rejection by an eligible approver of the current step ends the workflow. */
    void reject(Actor approver, String approverId, String comment, Instant at) {
        String username = approver.username();
        RequestStep step = guardDecision(username, approverId, at);
        decisions.add(new Decision(username, approverId, currentStep, Verdict.REJECT, comment, approver.channel(), at));
        steps.set(currentStep, step.with(StepStatus.REJECTED));
        skipFrom(currentStep + 1);
        close(RequestStatus.REJECTED, at);
        register(new RequestRejected(approver, id(), requester(), currentStep, comment));
    }

    /** The requester withdraws the request while it is pending. */
    void cancel(Actor by, String byId, String comment, Instant at) {
        if (!byId.equals(details.requesterId())) {
            throw new NotTheRequester(by.username(), id());
        }
        ensurePending(at);
        skipFrom(currentStep);
        close(RequestStatus.CANCELLED, at);
        register(new RequestCancelled(by, id(), requester(), comment));
    }

    /**
     * Cancels a pending request because what it asks for can no longer be granted: its requester
     * left, or the resource or account is gone. Returns false (and changes nothing) when it is not
     * pending.
     */
    boolean withdraw(String reason, Instant at) {
        if (status != RequestStatus.PENDING) {
            return false;
        }
        skipFrom(currentStep);
        close(RequestStatus.CANCELLED, at);
        register(new RequestCancelled(Actor.system(), id(), requester(), reason));
        return true;
    }

    /**
     * Takes a user who can no longer approve out of the steps still to be decided (the current one
     * and those after it, as approver and as escalation). When the current step can then no longer
     * gather its approvals, it is handled as its timeout would be. Returns false (and changes
     * nothing) when the request is not pending or does not name the user there.
     */
    boolean withdrawApprover(String userId, String username, String reason, Instant at) {
        if (status != RequestStatus.PENDING || steps.isEmpty()) {
            return false;
        }
        List<Integer> from = new ArrayList<>();
        for (int i = currentStep; i < steps.size(); i++) {
            if (steps.get(i).names(userId)) {
                steps.set(i, steps.get(i).without(userId));
                from.add(i);
            }
        }
        if (from.isEmpty()) {
            return false;
        }
        withdrawn.add(userId);
        register(new RequestApproverWithdrawn(Actor.system(), id(), username, from, reason));
        if (!canStillComplete(currentStep)) {
            handleTimeout(steps.get(currentStep), "step " + currentStep + " can no longer get its approvals", true, at);
        }
        return true;
    }

    /**
     * Ends a pending request whose time-to-live has run out; returns false (and changes nothing)
     * when the request is not pending or not yet due.
     */
    boolean expireIfDue(Instant at) {
        if (status != RequestStatus.PENDING || at.isBefore(details.expiresAt())) {
            return false;
        }
        skipFrom(currentStep);
        close(RequestStatus.EXPIRED, at);
        register(new RequestExpired(Actor.system(), id(), requester(), currentStep, details.expiresAt()));
        return true;
    }

    /**
     * Applies the current step's timeout once its deadline has passed. {@code ESCALATE} widens the
     * step, once, to its escalation approvers with a fresh deadline; {@code REJECT}, a second timeout
     * or an escalation with nobody to escalate to rejects the request with a SYSTEM decision. Returns
     * false (and changes nothing) when nothing is due.
     */
    boolean timeOutIfDue(Instant at) {
        if (status != RequestStatus.PENDING || steps.isEmpty()) {
            return false;
        }
        RequestStep step = steps.get(currentStep);
        if (step.deadline() == null || at.isBefore(step.deadline())) {
            return false;
        }
        handleTimeout(step, "step " + currentStep + " timed out at " + step.deadline(), false, at);
        return true;
    }

    /**
     * What a timeout does to the current step, also when the step can no longer gather its approvals:
     * {@code ESCALATE} widens it once to its escalation approvers (when that lets it complete), and
     * anything else rejects the request with a SYSTEM decision. With {@code mustComplete} (the step
     * lost its approvers) an escalation that still cannot complete rejects at once rather than wait.
     */
    private void handleTimeout(RequestStep step, String reason, boolean mustComplete, Instant at) {
        if (step.onTimeout() == OnTimeout.ESCALATE && !step.escalated()) {
            List<Participant> added = step.escalation().stream()
                    .filter(person -> !step.isEligible(person.id()))
                    .filter(person -> rules.allowSelfApproval() || !person.id().equals(details.requesterId()))
                    .toList();
            if (!added.isEmpty()) {
                RequestStep widened = step.escalatedTo(added, at);
                steps.set(currentStep, widened);
                if (!mustComplete || canStillComplete(currentStep)) {
                    register(new RequestStepEscalated(
                            Actor.system(),
                            id(),
                            currentStep,
                            step.name(),
                            added.stream().map(Participant::username).toList(),
                            widened.deadline()));
                    return;
                }
                steps.set(currentStep, step);
            }
        }
        decisions.add(
                new Decision(Decision.SYSTEM_APPROVER, null, currentStep, Verdict.REJECT, reason, Channel.SYSTEM, at));
        steps.set(currentStep, step.with(StepStatus.REJECTED));
        skipFrom(currentStep + 1);
        close(RequestStatus.REJECTED, at);
        register(new RequestRejected(Actor.system(), id(), requester(), currentStep, reason));
    }

    /**
     * Whether the step can still gather its required approvals from those eligible who have not
     * decided it and whom separation of duties lets approve it.
     */
    private boolean canStillComplete(int index) {
        RequestStep step = steps.get(index);
        long possible = step.approvers().stream()
                .map(Participant::id)
                .filter(person -> !SeparationOfDuties.isForbiddenSelfDecision(rules, details.requesterId(), person))
                .filter(person -> !SeparationOfDuties.hasDecided(decisions, person, index))
                .filter(person -> SeparationOfDuties.earlierApprovedStep(rules, decisions, person, index)
                        .isEmpty())
                .count();
        return approvalsOn(index) + possible >= step.requiredApprovals();
    }

    /**
     * Applies the timer that is due at {@code at}, exactly as the sweep does: an ended time-to-live
     * expires the request; otherwise a passed deadline of the current step escalates the step or
     * rejects the request. Returns what happened, for a write that time overtook to explain; empty
     * (and nothing changed) when nothing was due.
     */
    Optional<TimerOutcome> applyDueTimer(Instant at) {
        if (expireIfDue(at)) {
            return Optional.of(TimerOutcome.expired(id(), details.expiresAt()));
        }
        RequestStep before = status == RequestStatus.PENDING && !steps.isEmpty() ? steps.get(currentStep) : null;
        if (before == null || !timeOutIfDue(at)) {
            return Optional.empty();
        }
        return Optional.of(TimerOutcome.stepTimedOut(id(), before, steps.get(currentStep), status));
    }

    /**
     * Whether the request waits on this person now: pending, the current step lists them, they have
     * not decided it, and separation of duties would let them approve it.
     */
    public boolean awaits(String userId, Instant at) {
        if (status != RequestStatus.PENDING || !at.isBefore(details.expiresAt()) || steps.isEmpty()) {
            return false;
        }
        return steps.get(currentStep).isEligible(userId)
                && !SeparationOfDuties.isForbiddenSelfDecision(rules, details.requesterId(), userId)
                && !SeparationOfDuties.hasDecided(decisions, userId, currentStep)
                && SeparationOfDuties.earlierApprovedStep(rules, decisions, userId, currentStep)
                        .isEmpty();
    }

    /** The events registered since the last call, oldest first; clears them. */
    List<AuditableEvent> pullEvents() {
        List<AuditableEvent> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    /** The ids of the users withdrawn since the request was loaded, for the repository to drop their places. */
    List<String> withdrawnApprovers() {
        return List.copyOf(withdrawn);
    }

    /** Decisions added since the request was loaded or opened, for the repository to insert. */
    List<Decision> newDecisions() {
        return List.copyOf(decisions.subList(persistedDecisions, decisions.size()));
    }

    private RequestStep guardDecision(String username, String userId, Instant at) {
        ensurePending(at);
        if (SeparationOfDuties.isForbiddenSelfDecision(rules, details.requesterId(), userId)) {
            throw new SelfApprovalNotAllowed(id());
        }
        RequestStep step = steps.get(currentStep);
        if (!step.isEligible(userId)) {
            throw new NotAnEligibleApprover(username, id(), currentStep);
        }
        if (SeparationOfDuties.hasDecided(decisions, userId, currentStep)) {
            throw new AlreadyDecided(username, id(), currentStep);
        }
        return step;
    }

    private void ensurePending(Instant at) {
        if (status != RequestStatus.PENDING) {
            throw new RequestNotPending(id(), status);
        }
        if (!at.isBefore(details.expiresAt())) {
            throw new RequestNotPending(id(), details.expiresAt());
        }
    }

    /** Starts the steps after {@code completed} until one needs people, or approves the request. */
    private void advanceFrom(int completed, Actor cause, Instant at) {
        for (int next = completed + 1; next < steps.size(); next++) {
            currentStep = next;
            RequestStep step = steps.get(next).startedAt(at);
            steps.set(next, step);
            register(new RequestStepStarted(
                    cause,
                    id(),
                    next,
                    step.name(),
                    step.requiredApprovals(),
                    step.eligibleApprovers(),
                    step.deadline()));
            if (step.autoApprovedBecause() == null && step.requiredApprovals() > 0 && !canStillComplete(next)) {
                // nobody left can approve it (they left since the request was made): as its timeout would
                handleTimeout(step, "step " + next + " can no longer get its approvals", true, at);
                return;
            }
            if (step.autoApprovedBecause() != null) {
                decisions.add(systemApproval(next, step.autoApprovedBecause(), at));
                register(new ApprovalRecorded(
                        Actor.system(),
                        id(),
                        next,
                        step.name(),
                        approvalsOn(next),
                        step.requiredApprovals(),
                        step.autoApprovedBecause()));
            } else if (step.requiredApprovals() > 0) {
                return;
            }
            steps.set(next, step.with(StepStatus.APPROVED));
        }
        close(RequestStatus.APPROVED, at);
        register(approvedEvent(cause, at, null));
    }

    /** The whole plan is approved automatically: its steps are not needed and are skipped. */
    private void approveWhole(String reason, Instant at) {
        skipFrom(0);
        decisions.add(systemApproval(0, reason, at));
        close(RequestStatus.APPROVED, at);
        register(approvedEvent(Actor.system(), at, reason));
    }

    private RequestApproved approvedEvent(Actor cause, Instant at, String reason) {
        return new RequestApproved(
                cause,
                id(),
                requester(),
                details.resource(),
                details.account(),
                details.duration(),
                details.startsAt(),
                at,
                reason,
                details.requesterId());
    }

    private static Decision systemApproval(int step, String reason, Instant at) {
        return new Decision(Decision.SYSTEM_APPROVER, null, step, Verdict.APPROVE, reason, Channel.SYSTEM, at);
    }

    private void skipFrom(int first) {
        for (int i = first; i < steps.size(); i++) {
            steps.set(i, steps.get(i).with(StepStatus.SKIPPED));
        }
    }

    private void close(RequestStatus finalStatus, Instant at) {
        status = finalStatus;
        closedAt = at;
    }

    private int approvalsOn(int step) {
        return (int) decisions.stream()
                .filter(d -> d.step() == step && d.isApproval())
                .count();
    }

    private void register(AuditableEvent event) {
        events.add(event);
    }

    public String id() {
        return details.id();
    }

    public RequestDetails details() {
        return details;
    }

    public String requester() {
        return details.requester();
    }

    public ApprovalRules rules() {
        return rules;
    }

    public RequestStatus status() {
        return status;
    }

    /** The step the request waits on while pending; the last step that ran once it has ended. */
    public int currentStep() {
        return currentStep;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public long version() {
        return version;
    }

    public List<RequestStep> steps() {
        return List.copyOf(steps);
    }

    public List<Decision> decisions() {
        return List.copyOf(decisions);
    }

    /** Whether the user with this id takes part in the workflow as an eligible approver of any step. */
    public boolean involves(String userId) {
        return steps.stream().anyMatch(step -> step.isEligible(userId));
    }
}
