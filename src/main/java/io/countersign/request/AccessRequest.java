package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.Channel;
import io.countersign.shared.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An access request and its approval workflow: the frozen step snapshot, the decisions, and the
 * guarded transitions between {@code PENDING} and its final states. Plain Java without I/O; every
 * transition either throws a business-named exception and changes nothing, or changes the request
 * and registers the past-tense events that describe the change (drained with {@link #pullEvents()}).
 * The rules behind the transitions live beside it: {@link DecisionGuard} (who may decide now, and
 * whom the request awaits), {@link StepTally} (the m-of-n count), {@link DueTimer} and
 * {@link StepTimeout} (what a due timer does), {@link ApproverWithdrawal} (an approver who can no
 * longer approve) and {@link BreakGlassOpening} (emergency access, approved at once); what the
 * repository writes is kept by {@link UnsavedChanges}.
 */
public final class AccessRequest {

    private final RequestDetails details;
    private final ApprovalRules rules;
    private final List<RequestStep> steps;
    private final List<Decision> decisions;
    private final List<AuditableEvent> events = new ArrayList<>();
    private final UnsavedChanges unsaved;
    private List<Delegation> delegations = List.of();
    private final long version;
    private RequestStatus status;
    private int currentStep;
    private Instant closedAt;

    /**
     * Rebuilds a stored request as it was saved; registers nothing. New requests start with
     * {@link #open} or {@link BreakGlassOpening#open}, which register what happened.
     */
    AccessRequest(
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
        this.unsaved = new UnsavedChanges(this.steps, this.decisions);
        this.status = status;
        this.currentStep = currentStep;
        this.closedAt = closedAt;
        this.version = version;
    }

    /**
     * Opens a request under a plan: registers {@link RequestCreated}, then either approves it at once
     * (an auto-approved plan, recorded as one SYSTEM decision) or starts its first step. A break-glass
     * request opens through {@link BreakGlassOpening} instead.
     */
    static AccessRequest open(RequestDetails details, ApprovalPlan plan, Actor creator, Function<String, String> idOf) {
        AccessRequest request = created(details, plan, RequestStep.plannedAll(plan.steps(), idOf), creator);
        Instant at = details.createdAt();
        if (plan.autoApprovedBecause() != null) {
            request.approveWhole(plan.autoApprovedBecause(), at);
        } else {
            request.advanceFrom(-1, creator, at);
        }
        return request;
    }

    /** A new pending request under {@code plan} with these steps, its {@link RequestCreated} registered. */
    static AccessRequest created(RequestDetails details, ApprovalPlan plan, List<RequestStep> steps, Actor creator) {
        ApprovalRules rules = new ApprovalRules(plan.allowSelfApproval(), plan.distinctApproversAcrossSteps());
        AccessRequest request = new AccessRequest(details, rules, steps, List.of(), RequestStatus.PENDING, 0, null, 0);
        request.register(RequestCreated.of(creator, details));
        return request;
    }

    /**
     * Approves the new request at once as emergency access, for {@code reason}, then registers the
     * break-glass use of the grant the approval issues after the approval.
     */
    void approveAsBreakGlass(String reason, Function<String, BreakGlassUsed> useOfGrant) {
        RequestApproved approved = approveWhole(reason, details.createdAt());
        register(useOfGrant.apply(approved.grantId()));
    }

    /**
     * Counts an approval by an eligible approver of the current step. Completing the step starts the
     * next one (auto-approved steps complete at once); completing the last step approves the request.
     */
    void approve(Actor approver, String approverId, String comment, Instant at) {
        approve(approver, approverId, comment, null, at, null);
    }

    /**
     * As {@link #approve(Actor, String, String, Instant)}, allowing at most {@code allowed} (null: what
     * was asked); {@code means} ("By email") heads the audit note. The grant gets the shortest duration
     * any approver allowed.
     *
     * @throws InvalidInputException when {@code allowed} is not positive or longer than was asked
     */
    void approve(Actor approver, String approverId, String comment, Duration allowed, Instant at, String means) {
        PartialApproval.check(allowed, details.duration());
        String username = approver.username();
        DecisionGuard.Decider decider = DecisionGuard.mayApprove(this, username, approverId, delegations, at);
        RequestStep step = decider.step();
        DecisionGuard.ensureChannelAllowed(this, step, approver.channel());
        Duration cut = allowed == null || allowed.equals(details.duration()) ? null : allowed;
        Participant onBehalfOf = decider.onBehalfOf();
        decisions.add(new Decision(
                username, approverId, currentStep, Verdict.APPROVE, comment, approver.channel(), at, cut, onBehalfOf));
        int approvals = StepTally.approvals(decisions, currentStep);
        register(new ApprovalRecorded(
                approver,
                id(),
                currentStep,
                step.name(),
                approvals,
                step.requiredApprovals(),
                comment,
                DecisionGuard.noteOf(means, onBehalfOf),
                cut,
                details.duration(),
                details.extendsGrant()));
        if (approvals >= step.requiredApprovals()) {
            steps.set(currentStep, step.with(StepStatus.APPROVED));
            advanceFrom(currentStep, approver, at);
        }
    }

    /**
     * The duration the grant gets: the shortest any approver allowed, or what was asked when nobody
     * allowed less.
     */
    public Duration grantedDuration() {
        return PartialApproval.granted(details.duration(), decisions);
    }

    /** One rejection by an eligible approver of the current step ends the workflow. */
    void reject(Actor approver, String approverId, String comment, Instant at) {
        reject(approver, approverId, comment, at, null);
    }

    /** As {@link #reject(Actor, String, String, Instant)}; {@code means} ("By email") heads the audit note. */
    void reject(Actor approver, String approverId, String comment, Instant at, String means) {
        String username = approver.username();
        DecisionGuard.Decider decider = DecisionGuard.mayDecide(this, username, approverId, delegations, at);
        DecisionGuard.ensureChannelAllowed(this, decider.step(), approver.channel());
        Channel channel = approver.channel();
        Decision rejection = new Decision(
                username, approverId, currentStep, Verdict.REJECT, comment, channel, at, null, decider.onBehalfOf());
        rejectAt(decider.step(), rejection, approver, DecisionGuard.noteOf(means, decider.onBehalfOf()));
    }

    /**
     * The delegations to the deciding person in force now, which let them decide for an approver who
     * delegated to them; loaded by the service under the request's lock before a decision.
     */
    void considering(List<Delegation> inForce) {
        this.delegations = List.copyOf(inForce);
    }

    /** The requester withdraws the request while it is pending. */
    void cancel(Actor by, String byId, String comment, Instant at) {
        if (!byId.equals(details.requesterId())) {
            throw new NotTheRequester(by.username(), id());
        }
        DecisionGuard.ensurePending(this, at);
        end(RequestStatus.CANCELLED, at);
        register(new RequestCancelled(by, id(), requester(), comment, details.extendsGrant()));
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
        end(RequestStatus.CANCELLED, at);
        register(new RequestCancelled(Actor.system(), id(), requester(), reason, details.extendsGrant()));
        return true;
    }

    /** Ends the pending request because its time-to-live ran out. */
    void expire(Instant at) {
        requirePending();
        end(RequestStatus.EXPIRED, at);
        register(RequestExpired.of(details, currentStep));
    }

    /** Widens the pending request's current step to more approvers, with the step's fresh deadline. */
    void escalateCurrent(RequestStep widened, List<Participant> added, boolean timedOut) {
        requirePending();
        steps.set(currentStep, widened);
        register(RequestStepEscalated.of(details, currentStep, widened, added, timedOut));
    }

    /** Rejects the pending request at its current {@code step} with a SYSTEM decision. */
    void rejectBySystem(RequestStep step, String reason, Instant at) {
        requirePending();
        rejectAt(step, systemDecision(currentStep, Verdict.REJECT, reason, at), Actor.system(), null);
    }

    /**
     * Takes a user out of the given steps of the pending request, as approver and as escalation, and
     * withdraws the approvals of the current step given by them or on their behalf: a person who can
     * no longer approve does not help to complete a step that is still open.
     */
    void removeApprover(String userId, String username, List<Integer> from, String reason) {
        requirePending();
        for (int i : from) {
            steps.set(i, steps.get(i).without(userId));
        }
        unsaved.approverWithdrawn(userId);
        boolean approvalWithdrawn = false;
        for (int i = 0; i < decisions.size(); i++) {
            Decision decision = decisions.get(i);
            if (ApproverWithdrawal.voids(decision, userId, currentStep)) {
                Decision voided = decision.withdrawnBecause(reason);
                decisions.set(i, voided);
                unsaved.approvalWithdrawn(voided);
                approvalWithdrawn = true;
            }
        }
        Integer withdrawnAt = approvalWithdrawn ? currentStep : null;
        register(new RequestApproverWithdrawn(
                Actor.system(), id(), username, from, withdrawnAt, reason, details.extendsGrant()));
    }

    /**
     * Whether the request waits on this person now: pending, the current step lists them, they have
     * not decided it, and separation of duties would let them approve it.
     */
    public boolean awaits(String userId, Instant at) {
        return awaits(userId, at, List.of());
    }

    /**
     * As {@link #awaits(String, Instant)}, also when one of these delegations to the person lets them
     * decide the current step for an approver (docs/adr/0020-delegation-and-out-of-office.md).
     */
    public boolean awaits(String userId, Instant at, List<Delegation> inForce) {
        return DecisionGuard.awaits(this, userId, at, inForce);
    }

    /** The events registered since the last call, oldest first; clears them. */
    List<AuditableEvent> pullEvents() {
        List<AuditableEvent> pulled = List.copyOf(events);
        events.clear();
        return pulled;
    }

    /** What changed since the request was loaded or opened, for the repository to write. */
    UnsavedChanges unsaved() {
        return unsaved;
    }

    private void requirePending() {
        if (status != RequestStatus.PENDING) {
            throw new RequestNotPending(id(), status);
        }
    }

    /** Starts the steps after {@code completed} until one needs people, or approves the request. */
    private void advanceFrom(int completed, Actor cause, Instant at) {
        Actor approvedBy = cause;
        for (int next = completed + 1; next < steps.size(); next++) {
            currentStep = next;
            RequestStep step = steps.get(next).startedAt(at);
            steps.set(next, step);
            register(RequestStepStarted.of(cause, details, next, step));
            if (step.autoApprovedBecause() == null
                    && step.requiredApprovals() > 0
                    && !StepTally.canStillComplete(step, next, rules, details.requesterId(), decisions)) {
                // nobody left can approve it (they left since the request was made): as its timeout would
                StepTimeout.apply(this, step, StepTimeout.infeasible(next), true, at);
                return;
            }
            String because = step.autoApprovedBecause();
            if (because != null) {
                decisions.add(systemDecision(next, Verdict.APPROVE, because, at));
                int approvals = StepTally.approvals(decisions, next);
                register(ApprovalRecorded.automatic(details, next, step, approvals, because));
            } else if (step.requiredApprovals() > 0) {
                return;
            }
            steps.set(next, step.with(StepStatus.APPROVED));
            // a step the service approved itself makes the approval the service's, as for a whole plan
            approvedBy = Actor.system();
        }
        close(RequestStatus.APPROVED, at);
        register(RequestApproved.of(approvedBy, details, grantedDuration(), at, null));
    }

    /** The whole plan is approved automatically: its steps are not needed and are skipped. */
    private RequestApproved approveWhole(String reason, Instant at) {
        skipFrom(0);
        decisions.add(systemDecision(0, Verdict.APPROVE, reason, at));
        close(RequestStatus.APPROVED, at);
        RequestApproved approved = RequestApproved.of(Actor.system(), details, grantedDuration(), at, reason);
        register(approved);
        return approved;
    }

    private static Decision systemDecision(int step, Verdict verdict, String reason, Instant at) {
        return new Decision(Decision.SYSTEM_APPROVER, null, step, verdict, reason, Channel.SYSTEM, at);
    }

    /** Records the rejecting decision on the current step and ends the request as rejected. */
    private void rejectAt(RequestStep step, Decision rejection, Actor by, String means) {
        decisions.add(rejection);
        steps.set(currentStep, step.with(StepStatus.REJECTED));
        skipFrom(currentStep + 1);
        close(RequestStatus.REJECTED, rejection.at());
        register(new RequestRejected(
                by, id(), requester(), currentStep, rejection.comment(), means, details.extendsGrant()));
    }

    /** Ends the request in a final status, skipping the steps not yet decided. */
    private void end(RequestStatus finalStatus, Instant at) {
        skipFrom(currentStep);
        close(finalStatus, at);
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
