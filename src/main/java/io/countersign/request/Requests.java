package io.countersign.request;

import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.ApprovalPlanner;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.InvalidInputException;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.RefusedException;
import io.countersign.shared.Role;
import io.countersign.shared.ShortIds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates access requests, records decisions on them and reads them, enforcing who may do what: a
 * user asks for themself, an enforcement point on behalf of a user; only those involved in a request
 * (and administrators and auditors) learn that it exists.
 */
@Service
public class Requests {

    static final int MAX_IDEMPOTENCY_KEY = 200;
    static final Duration DEFAULT_TTL = Duration.ofHours(24);

    private final RequestRepository repository;
    private final RequestSearch search;
    private final ApprovalPlanner planner;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    Requests(
            RequestRepository repository,
            RequestSearch search,
            ApprovalPlanner planner,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.repository = repository;
        this.search = search;
        this.planner = planner;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Creates a request, or returns the one an earlier call with the same {@code idempotencyKey} (per
     * caller) created. Reusing a key for a different request is a conflict.
     *
     * @throws InvalidInputException with every issue of the input and of the policy's limits
     * @throws RefusedException when no policy matches or the plan cannot complete
     * @throws NotFoundException when the requester (unknown or inactive), resource or account is unknown
     */
    public CreatedRequest create(Actor actor, RequestInput input, String idempotencyKey) {
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null : idempotencyKey.trim();
        Problems header = new Problems();
        header.maxLength(key, "Idempotency-Key", MAX_IDEMPOTENCY_KEY);
        header.throwIfAny();
        String requester = requesterFor(actor, input);
        String fingerprint = key == null ? null : Idempotency.fingerprint(requester, input);
        try {
            return transactions.execute(tx ->
                    replay(actor, key, fingerprint).orElseGet(() -> open(actor, requester, input, key, fingerprint)));
        } catch (DuplicateKeyException raced) {
            // a concurrent call with the same key committed first: answer with its request
            if (key == null) {
                throw raced;
            }
            return transactions.execute(tx -> replay(actor, key, fingerprint)).orElseThrow(() -> raced);
        }
    }

    @Transactional
    public AccessRequest approve(Actor actor, String id, String comment) {
        return decide(actor, id, comment, (request, text, at) -> request.approve(actor, text, at));
    }

    @Transactional
    public AccessRequest reject(Actor actor, String id, String comment) {
        return decide(actor, id, comment, (request, text, at) -> request.reject(actor, text, at));
    }

    @Transactional
    public AccessRequest cancel(Actor actor, String id, String comment) {
        return decide(actor, id, comment, (request, text, at) -> request.cancel(actor, text, at));
    }

    /** @throws NotFoundException when the request does not exist or the caller may not see it */
    @Transactional(readOnly = true)
    public AccessRequest get(Actor actor, String id) {
        return repository.find(id).filter(r -> visibleTo(actor, r)).orElseThrow(() -> notFound(id));
    }

    @Transactional(readOnly = true)
    public RequestPage list(Actor actor, RequestQuery query) {
        return search.page(actor, query, clock.instant());
    }

    /** Whether the caller may see the request: involved in it, or an administrator or auditor. */
    public static boolean visibleTo(Actor actor, AccessRequest request) {
        String me = actor.username();
        return actor.canReadEverything()
                || request.requester().equals(me)
                || request.details().createdBy().equals(me)
                || request.involves(me);
    }

    private interface Transition {
        void apply(AccessRequest request, String comment, Instant at);
    }

    private AccessRequest decide(Actor actor, String id, String comment, Transition transition) {
        Problems problems = new Problems();
        problems.multiLineText(comment, "comment", RequestValidation.MAX_TEXT);
        problems.throwIfAny();
        AccessRequest request =
                repository.lock(id).filter(r -> visibleTo(actor, r)).orElseThrow(() -> notFound(id));
        transition.apply(
                request, RequestValidation.trimToNull(comment), clock.instant().truncatedTo(ChronoUnit.MICROS));
        repository.update(request);
        publish(request);
        return request;
    }

    private String requesterFor(Actor actor, RequestInput input) {
        String named = Names.canonical(input.requester());
        if (named != null && named.isEmpty()) {
            named = null;
        }
        if (actor.is(Role.ENFORCER)) {
            if (named == null) {
                throw InvalidInputException.of(
                        "requester", "required", "an enforcement point must name the user it asks access for");
            }
            return named;
        }
        if (actor.is(Role.AUDITOR)) {
            throw new ForbiddenException("Auditors read requests but do not create them.");
        }
        if (named != null && !named.equals(actor.username())) {
            throw new ForbiddenException("You may only request access for yourself; leave 'requester' out.");
        }
        return actor.username();
    }

    private Optional<CreatedRequest> replay(Actor actor, String key, String fingerprint) {
        if (key == null) {
            return Optional.empty();
        }
        return repository.findByIdempotencyKey(actor.username(), key).map(earlier -> {
            if (!earlier.getValue().equals(fingerprint)) {
                throw new ConflictException(
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
        ApprovalPlan plan = planner.plan(requester, resource, account);
        RequestValidation.checkLimits(problems, input, plan.limits());
        problems.throwIfAny();
        if (!plan.isFeasible()) {
            throw new RefusedException("too_few_approvers", String.join(" ", plan.problems()));
        }
        Duration ttl = plan.limits().requestTtl() != null ? plan.limits().requestTtl() : DEFAULT_TTL;
        RequestDetails details = new RequestDetails(
                ShortIds.next("req"),
                requester,
                resource,
                account,
                RequestValidation.effectiveDuration(input, plan.limits()),
                input.startsAt() == null ? null : input.startsAt().truncatedTo(ChronoUnit.MICROS),
                RequestValidation.trimToNull(input.justification()),
                RequestValidation.trimToNull(input.ticket()),
                plan.policyName(),
                actor.username(),
                now,
                now.plus(ttl));
        AccessRequest request = AccessRequest.open(details, plan, actor);
        repository.insert(request, PlanSnapshot.of(plan), key, fingerprint);
        publish(request);
        return new CreatedRequest(request, false);
    }

    private void publish(AccessRequest request) {
        request.pullEvents().forEach(events::publishEvent);
    }

    private static NotFoundException notFound(String id) {
        return new NotFoundException("request", id);
    }
}
