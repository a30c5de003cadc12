package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.shared.Actor;
import io.countersign.shared.Channel;
import io.countersign.shared.ConflictException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates access requests, records decisions on them and reads them, enforcing who may do what: a
 * user asks for themself, an enforcement point on behalf of a user; only those involved in a request
 * (and administrators and auditors) learn that it exists.
 */
@Service
public class Requests {

    /** The largest page of requests or of break-glass uses. */
    public static final int MAX_LIMIT = RequestSearch.MAX_LIMIT;

    private final RequestRepository repository;
    private final RequestOpening opening;
    private final RequestSearch search;
    private final RequestDecisions decisions;
    private final DelegationStore delegations;
    private final Directory directory;
    private final Clock clock;

    Requests(
            RequestRepository repository,
            RequestOpening opening,
            RequestSearch search,
            RequestDecisions decisions,
            DelegationStore delegations,
            Directory directory,
            Clock clock) {
        this.repository = repository;
        this.opening = opening;
        this.search = search;
        this.decisions = decisions;
        this.delegations = delegations;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * Creates a request, or returns the one an earlier call with the same {@code idempotencyKey} (per
     * caller) created. Reusing a key for a different request is refused.
     *
     * @throws InvalidInputException with every issue of the input and of the policy's limits
     * @throws RefusedException when no policy matches or the plan cannot complete
     * @throws NotFoundException when the requester (unknown or inactive), resource or account is unknown
     */
    public CreatedRequest create(Actor actor, RequestInput input, String idempotencyKey) {
        return opening.create(actor, input, idempotencyKey);
    }

    /**
     * What {@link #create} would refuse, without creating anything: the same checks of the input, of
     * the governing policy's limits and of its approvers, in the same words; nothing is written.
     *
     * @throws InvalidInputException with every issue of the input and of the policy's limits
     * @throws RefusedException when no policy matches or the plan cannot complete
     * @throws NotFoundException when the requester, resource or account is unknown
     */
    @Transactional(readOnly = true)
    public void check(Actor actor, RequestInput input) {
        opening.check(actor, input);
    }

    /**
     * Records an approval of the current step, as it was when the call arrived ({@link DecidedStep}).
     *
     * @throws DeadlinePassed when the request's time-to-live or the step's deadline has passed: the
     *     timeout is applied and committed (the transaction is not rolled back) and the decision is not
     */
    @Transactional(noRollbackFor = DeadlinePassed.class)
    public AccessRequest approve(Actor actor, String id, String comment) {
        return approve(actor, id, comment, null, null);
    }

    /**
     * As {@link #approve(Actor, String, String)}, allowing at most {@code allowed} of the requested
     * duration (null: all of it), and for the step numbered {@code step} from 0 when one is named.
     *
     * @throws InvalidInputException when {@code allowed} is not positive or longer than was asked, or
     *     the request has no step {@code step}
     * @throws ConflictException when the request is not at {@code step}, or moved on while the call waited
     */
    @Transactional(noRollbackFor = DeadlinePassed.class)
    public AccessRequest approve(Actor actor, String id, String comment, Duration allowed, Integer step) {
        Problems problems = new Problems();
        PartialApproval.checkPositive(problems, allowed);
        return decisions.decideStep(
                actor,
                id,
                comment,
                problems,
                step,
                StepReader.API,
                (request, me, text, at) -> request.approve(actor, me, text, allowed, at, null));
    }

    /**
     * Approves ({@code approve}) or rejects the step a page showed, numbered from 0, and only that
     * step: a page left open while the step was completed elsewhere must not decide the next one,
     * which its reader never saw. Its refusals, whichever rule refused, name steps as the pages show them
     * ({@link StepReader#PAGES}, {@link NamesSteps}).
     *
     * @throws InvalidInputException when the request has no such step
     * @throws ConflictException when the request has moved on to another step, or not yet reached this one
     */
    @Transactional(noRollbackFor = DeadlinePassed.class)
    public AccessRequest decideShownStep(Actor actor, String id, String comment, int shownStep, boolean approve) {
        StepReader reader = StepReader.PAGES;
        return decisions.decideStep(actor, id, comment, new Problems(), shownStep, reader, (request, me, text, at) -> {
            try {
                if (approve) {
                    request.approve(actor, me, text, null, at, null);
                } else {
                    request.reject(actor, me, text, at);
                }
            } catch (RuntimeException refused) {
                if (refused instanceof NamesSteps named) {
                    throw named.readBy(reader, request);
                }
                throw refused;
            }
        });
    }

    /** Records a rejection of the current step; past a deadline, as {@link #approve}. */
    @Transactional(noRollbackFor = DeadlinePassed.class)
    public AccessRequest reject(Actor actor, String id, String comment) {
        return reject(actor, id, comment, null);
    }

    /** As {@link #reject(Actor, String, String)}, for the step numbered {@code step} from 0 when one is named. */
    @Transactional(noRollbackFor = DeadlinePassed.class)
    public AccessRequest reject(Actor actor, String id, String comment, Integer step) {
        return decisions.decideStep(
                actor,
                id,
                comment,
                new Problems(),
                step,
                StepReader.API,
                (request, me, text, at) -> request.reject(actor, me, text, at));
    }

    /**
     * The requester withdraws a pending request. Past its time-to-live, or past a step deadline that
     * rejects, the timeout is committed instead and {@link DeadlinePassed} thrown; a step that
     * escalated on the way is still cancelled.
     */
    @Transactional(noRollbackFor = DeadlinePassed.class)
    public AccessRequest cancel(Actor actor, String id, String comment) {
        return decisions.decide(
                actor, id, comment, false, (request, me, text, at) -> request.cancel(actor, me, text, at));
    }

    /**
     * The request as the caller's transaction sees it, for the service's own follow-up work (who is
     * told of a change); empty when there is none. Nothing is thrown for a missing request, so a caller
     * inside a change's transaction does not mark it for rollback. A person's view goes through {@link #get}.
     */
    @Transactional(readOnly = true)
    public Optional<AccessRequest> find(String id) {
        return repository.find(id);
    }

    /** @throws NotFoundException when the request does not exist or the caller may not see it */
    @Transactional(readOnly = true)
    public AccessRequest get(Actor actor, String id) {
        String me = idOf(actor);
        Instant now = clock.instant();
        List<Delegation> mine = delegations.inForceTo(me, now);
        return repository
                .find(id)
                .filter(r -> visibleTo(actor, me, r, mine, now))
                .orElseThrow(() -> notFound(id));
    }

    /**
     * Why the caller may not approve the request's current step now, in the words an action token's
     * refusal uses ({@code EXPIRED} for a step or request whose time ran out); empty when they may.
     * Changes nothing: a deadline that has passed is applied by the timers or by the next decision.
     */
    public Optional<ActionTokenRefused.Reason> whyNotDecide(Actor actor, AccessRequest request) {
        return Optional.ofNullable(standing(actor, request, true).refusal());
    }

    /**
     * As {@link #whyNotDecide}, to reject: an approver kept from approving by separation of duties
     * across steps may still reject (see {@link DecisionStanding}).
     */
    public Optional<ActionTokenRefused.Reason> whyNotReject(Actor actor, AccessRequest request) {
        return Optional.ofNullable(standing(actor, request, false).refusal());
    }

    /**
     * Why the caller may not approve the request's current step though they may still reject it
     * (separation of duties across steps, see {@link DecisionStanding}); empty when they may approve
     * it, or may not reject it either. What every place that offers Approve and Reject asks, so that
     * each offers only what the decision will take.
     */
    public Optional<ActionTokenRefused.Reason> whyOnlyReject(Actor actor, AccessRequest request) {
        Optional<ActionTokenRefused.Reason> notApproving = whyNotDecide(actor, request);
        return notApproving.isPresent() && whyNotReject(actor, request).isEmpty() ? notApproving : Optional.empty();
    }

    /**
     * The approver the caller would decide the request's current step for, when they may decide it
     * only as that approver's delegate; empty when they decide as themself or may not decide.
     */
    public Optional<String> decidesOnBehalfOf(Actor actor, AccessRequest request) {
        return standing(actor, request, true).onBehalfOf();
    }

    /** As {@link #decidesOnBehalfOf}, for a rejection. */
    public Optional<String> rejectsOnBehalfOf(Actor actor, AccessRequest request) {
        return standing(actor, request, false).onBehalfOf();
    }

    private DecisionStanding standing(Actor actor, AccessRequest request, boolean approving) {
        Instant now = clock.instant();
        String me = idOf(actor);
        return DecisionStanding.of(request, actor, me, delegations.inForceTo(me, now), now, approving);
    }

    /**
     * Who may approve the request's current step now: its approvers and the delegates in force who may
     * decide it for them ({@link StepApprover}). Mail and chat name these, so that every message about
     * a step names the same people.
     */
    @Transactional(readOnly = true)
    public List<StepApprover> approversNow(AccessRequest request) {
        if (request.status() != RequestStatus.PENDING || request.steps().isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<String> approverIds = request.steps().get(request.currentStep()).approvers().stream()
                .map(Participant::id)
                .toList();
        return StepApprover.of(request, delegations.inForceFrom(approverIds, now), now);
    }

    /** Whether the user with this id created a request sending this {@code Idempotency-Key}. */
    @Transactional(readOnly = true)
    public boolean createdWithKey(String userId, String key) {
        return repository.findByIdempotencyKey(userId, key).isPresent();
    }

    @Transactional(readOnly = true)
    public RequestPage list(Actor actor, RequestQuery query) {
        return search.page(actor, idOf(actor), query, clock.instant());
    }

    /**
     * Whether the caller, whose user id is {@code me}, may see the request: involved in it, or an
     * administrator or auditor. Involvement is by id, so a later user given the same name sees nothing.
     */
    static boolean visibleTo(Actor actor, String me, AccessRequest request, List<Delegation> mine, Instant now) {
        return actor.canReadEverything()
                || me.equals(request.details().requesterId())
                || me.equals(request.details().createdById())
                || request.involves(me)
                || Standing.involvesThrough(request, me, mine, now);
    }

    /**
     * The delegations to the person with this id in force now: whoever they make eligible, the
     * person is asked as any approver is (docs/adr/0020-delegation-and-out-of-office.md).
     */
    public List<Delegation> delegationsTo(String userId) {
        return delegations.inForceTo(userId, clock.instant());
    }

    /** The delegations from any of these people in force now. */
    public List<Delegation> delegationsFrom(Collection<String> userIds) {
        return delegations.inForceFrom(userIds, clock.instant());
    }

    /**
     * The acting user's internal id; empty, and so nobody's, when the actor is not a user (the
     * service itself).
     */
    private String idOf(Actor actor) {
        return userIdOf(directory, actor);
    }

    /** As {@link #idOf}, for the other services of requests. */
    static String userIdOf(Directory directory, Actor actor) {
        if (actor.channel() == Channel.SYSTEM) {
            // the service itself is nobody's user: no name to look up
            return "";
        }
        return directory.idOf(actor.username()).orElse("");
    }

    static NotFoundException notFound(String id) {
        return new NotFoundException("request", id);
    }
}
