package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.inventory.Inventory;
import io.countersign.inventory.Resource;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.ApprovalPlanner;
import io.countersign.shared.Actor;
import io.countersign.shared.CallerGoneException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import io.countersign.shared.ShortIds;
import io.countersign.shared.database.Pipeline;
import io.countersign.shared.database.Pipelined;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens access requests for {@link Requests}: checks the input against the governing policy's
 * limits, locks what the request depends on, and stores it with its plan; a retry with the same
 * idempotency key answers with the request the first call opened.
 */
@Component
class RequestOpening {

    static final int MAX_IDEMPOTENCY_KEY = 200;
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final RequestRepository repository;
    private final ApprovalPlanner planner;
    private final Directory directory;
    private final Pipeline pipeline;
    private final Inventory inventory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final RequestMeters meters;
    private final ApproverHold approverHold;

    RequestOpening(
            RequestRepository repository,
            ApprovalPlanner planner,
            Directory directory,
            Inventory inventory,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            RequestMeters meters,
            Pipeline pipeline,
            ApproverHold approverHold) {
        this.pipeline = pipeline;
        this.approverHold = approverHold;
        this.repository = repository;
        this.planner = planner;
        this.directory = directory;
        this.inventory = inventory;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
        this.meters = meters;
    }

    /**
     * Creates a request, or returns the one an earlier call with the same {@code idempotencyKey} (per
     * caller) created. Reusing a key for a different request is refused.
     *
     * @throws InvalidInputException with every issue of the input and of the policy's limits
     * @throws RefusedException when no policy matches or the plan cannot complete
     * @throws NotFoundException when the requester (unknown or inactive), resource or account is unknown
     */
    CreatedRequest create(Actor actor, RequestInput input, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        Problems header = new Problems();
        header.maxLength(key, "Idempotency-Key", MAX_IDEMPOTENCY_KEY);
        header.throwIfAny();
        String requester = RequestValidation.requesterFor(actor, input);
        String fingerprint = key == null ? null : Idempotency.fingerprint(requester, input);
        try {
            return meters.timeCreation(() -> transactions.execute(tx ->
                    replay(actor, key, fingerprint).orElseGet(() -> open(actor, requester, input, key, fingerprint))));
        } catch (DuplicateKeyException raced) {
            // a concurrent call with the same key committed first: answer with its request
            if (key == null) {
                throw raced;
            }
            return transactions.execute(tx -> replay(actor, key, fingerprint)).orElseThrow(() -> raced);
        }
    }

    /**
     * What {@link #create} would refuse, without creating anything: the same checks of the input, of
     * the governing policy's limits and of its approvers, in the same words; nothing is written.
     *
     * @throws InvalidInputException with every issue of the input and of the policy's limits
     * @throws RefusedException when no policy matches or the plan cannot complete
     * @throws NotFoundException when the requester, resource or account is unknown
     */
    void check(Actor actor, RequestInput input) {
        String requester = RequestValidation.requesterFor(actor, input);
        Problems problems = new Problems();
        if (!RequestValidation.checkInput(problems, input, clock.instant())) {
            problems.throwIfAny();
        }
        ApprovalPlan plan =
                planner.plan(requester, Names.canonical(input.resource()), Names.canonical(input.account()));
        RequestValidation.refuseAgainst(plan, problems, input);
    }

    private Optional<CreatedRequest> replay(Actor actor, String key, String fingerprint) {
        if (key == null) {
            return Optional.empty();
        }
        return repository
                .findByIdempotencyKey(Requests.userIdOf(directory, actor), key)
                .map(earlier -> {
                    if (!earlier.getValue().equals(fingerprint)) {
                        throw new RefusedException(
                                "idempotency_key_reused",
                                "This Idempotency-Key was already used for a different request; use a new key.");
                    }
                    return new CreatedRequest(repository.find(earlier.getKey()).orElseThrow(), true);
                });
    }

    private CreatedRequest open(Actor actor, String requester, RequestInput input, String key, String fingerprint) {
        // stored timestamps keep microseconds; truncating here keeps cursors and answers exact
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Problems problems = new Problems();
        if (!RequestValidation.checkInput(problems, input, now)) {
            problems.throwIfAny();
        }
        String resource = Names.canonical(input.resource());
        String account = Names.canonical(input.account());
        // locked so that a deletion of the resource or a deactivation of the requester cannot commit
        // between these checks and the new request; resource before user (docs/adr/0008); the
        // resource is read after its lock, as the lock keeps it
        // resource before user (docs/adr/0008); the approvers' hold after the user, so that an offboarding
        // of its approvers either sees this request or is read by it (docs/adr/0046)
        Pipelined<Optional<String>> requesterLock = directory.activeNamedLock(requester);
        Pipelined<Long> departures = approverHold.shared();
        Pipelined<Optional<Resource>> locked = inventory.resourceRead(resource);
        pipeline.run(List.of(inventory.resourceLock(resource), requesterLock, departures, locked));
        approverHold.readCurrent(departures.answer());
        String requesterId = requesterLock.answer().orElseThrow(() -> CallerGoneException.orUnknown(actor, requester));
        // read after the lock, which has the row when the caller is the requester
        String actorId = Requests.userIdOf(directory, actor);
        ApprovalPlan plan = planner.plan(
                requester, locked.answer().orElseThrow(() -> new NotFoundException("resource", resource)), account);
        RequestValidation.refuseAgainst(plan, problems, input);
        Duration ttl = plan.limits().requestTtl() != null ? plan.limits().requestTtl() : DEFAULT_TTL;
        boolean breakGlass = input.isBreakGlass();
        RequestDetails details = new RequestDetails(
                ShortIds.next("req"),
                requester,
                resource,
                account,
                breakGlass
                        ? BreakGlassRules.duration(input, plan)
                        : RequestValidation.effectiveDuration(input, plan.limits()),
                RequestValidation.requestedStart(input.startsAt(), now),
                RequestValidation.trimToNull(input.justification()),
                RequestValidation.trimToNull(input.ticket()),
                plan.policyName(),
                actor.username(),
                now,
                now.plus(ttl),
                requesterId,
                actorId,
                null,
                // emergency access starts at once, never on a first use
                !breakGlass && plan.limits().startOnFirstUse() ? plan.limits().claimWindow() : null,
                breakGlass);
        Map<String, String> ids =
                breakGlass ? directory.idsOf(BreakGlassUsed.people(plan.breakGlass())) : approverIdsOf(directory, plan);
        AccessRequest request = breakGlass
                ? BreakGlassOpening.open(details, plan, actor, ids::get)
                : AccessRequest.open(details, plan, actor, ids::get);
        repository.insert(request, PlanSnapshot.of(plan), key, fingerprint);
        publish(request);
        return new CreatedRequest(request, false);
    }

    /** The user ids of everyone the plan names as approver or escalation, by username. */
    static Map<String, String> approverIdsOf(Directory directory, ApprovalPlan plan) {
        return directory.idsOf(plan.steps().stream()
                .flatMap(step -> Stream.concat(step.eligibleApprovers().stream(), step.escalationApprovers().stream()))
                .collect(Collectors.toSet()));
    }

    private void publish(AccessRequest request) {
        request.pullEvents().forEach(events::publishEvent);
    }
}
