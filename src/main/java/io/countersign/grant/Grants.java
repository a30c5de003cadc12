package io.countersign.grant;

import io.countersign.directory.Directory;
import io.countersign.request.AccessRequest;
import io.countersign.request.ExtensionInput;
import io.countersign.request.GrantExtensionRequests;
import io.countersign.shared.Actor;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.Timestamps;
import io.countersign.shared.database.BoundedDatabaseCalls;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads and revokes grants and answers the access check. The check reads the grant's own start, end
 * and status against the service clock, from the database or from an index that is never behind it
 * (see {@link #check}), so a revocation or an end is seen by the very next check on any instance.
 */
@Service
public class Grants {

    static final int DEFAULT_LIMIT = 50;
    /** The largest page of grants. */
    public static final int MAX_LIMIT = 200;

    static final int MAX_REASON = 2000;
    private static final GrantIndex.Answer UNKNOWN = new GrantIndex.Unknown();
    static final String EXTENSION_WITHDRAWN = "the grant it would extend was revoked";

    private final GrantRepository repository;
    private final GrantExtensionRequests extensions;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final BoundedDatabaseCalls boundedCalls;
    private final FirstUse firstUse;
    private final Counter allowed;
    private final Counter denied;
    private final Counter unavailable;
    private final Timer checkLatency;
    private final Counter databaseReads;
    private final GrantIndexKeeper indexKeeper;

    Grants(
            GrantRepository repository,
            GrantExtensionRequests extensions,
            Directory directory,
            Clock clock,
            ApplicationEventPublisher events,
            BoundedDatabaseCalls boundedCalls,
            FirstUse firstUse,
            GrantIndexKeeper indexKeeper,
            MeterRegistry meters) {
        this.repository = repository;
        this.extensions = extensions;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
        this.boundedCalls = boundedCalls;
        this.firstUse = firstUse;
        this.allowed = checks(meters, "allowed");
        this.denied = checks(meters, "denied");
        this.unavailable = checks(meters, "unavailable");
        this.indexKeeper = indexKeeper;
        this.databaseReads = Counter.builder("countersign.access.check.database.reads")
                .description("Access checks the grant index could not answer, read from the database")
                .register(meters);
        this.checkLatency = Timer.builder("countersign.access.check.duration")
                .description("Time to answer an access check, from its parameters to its decision")
                .publishPercentileHistogram()
                .register(meters);
    }

    private static Counter checks(MeterRegistry meters, String outcome) {
        return Counter.builder("countersign.access.checks")
                .description("Access checks answered, by outcome: allowed, denied, or unavailable (denied because the"
                        + " database could not be reached)")
                .tag("outcome", outcome)
                .register(meters);
    }

    /**
     * Counts a check that could not be answered because the database was out of reach: its caller was
     * told to deny, and an alert on denials can include it.
     */
    public void countUnavailable() {
        unavailable.increment();
    }

    /**
     * May {@code user} use {@code account} on {@code resource} now?
     *
     * <p>With {@code changesSeen} (every grant change committed before the check arrived has reached
     * this instance, see {@link io.countersign.shared.database.NotificationFence}) the answer comes from
     * the in-memory {@link GrantIndex} when it holds the key, evaluated against the service clock, so a
     * grant that ended is refused from the instant of its end. Otherwise, and for a key that changed and
     * was not read since, one autocommit query without a transaction reads the key's grants not yet
     * ended; the grant must belong to the user who has this name now (by id): a later user given a
     * deleted user's name holds nothing.
     *
     * <p>A grant waiting for its first use is started by the first check that allows it (see {@link
     * FirstUse}), a short transaction of its own, audited with {@code asker} as the actor; it is always
     * read from the database, so that the clock starts once across instances.
     *
     * <p>Database reads run with a deadline: when the database is slow or out of reach the caller gets
     * {@link io.countersign.shared.database.DatabaseUnavailableException} within a second, never a
     * held thread, and must treat it as a denial.
     *
     * @throws io.countersign.shared.InvalidInputException naming every missing parameter
     */
    public AccessDecision check(Actor asker, String user, String resource, String account, boolean changesSeen) {
        checkParameters(user, resource, account).throwIfAny();
        long started = System.nanoTime();
        GrantIndex.Key key = keyOf(user, resource, account);
        Instant now = clock.instant();
        GrantIndex.Answer answer = changesSeen ? indexKeeper.index().lookup(key, now) : UNKNOWN;
        AccessDecision decision;
        if (answer instanceof GrantIndex.InForce inForce) {
            decision = AccessDecision.allowing(inForce.grant());
        } else if (answer instanceof GrantIndex.NoneInForce) {
            decision = AccessDecision.denied();
        } else {
            decision = fromDatabase(asker, key, now);
        }
        (decision.allowed() ? allowed : denied).increment();
        checkLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return decision;
    }

    /**
     * {@link #check}'s answer when the in-memory index holds a grant in force for the key, and empty
     * otherwise (a key not held or changed, no grant in force, a grant waiting for its first use, a
     * missing parameter): then {@link #check} must be asked. For a caller whose view is recent rather
     * than fenced: only an allowing answer is taken from it, because every change that takes a grant
     * away holds its acknowledgement until such a view covers it, and a grant given since may be unseen.
     */
    public Optional<AccessDecision> allowedFromMemory(String user, String resource, String account) {
        if (!checkParameters(user, resource, account).isEmpty()) {
            return Optional.empty();
        }
        long started = System.nanoTime();
        if (!(indexKeeper.index().lookup(keyOf(user, resource, account), clock.instant())
                instanceof GrantIndex.InForce inForce)) {
            return Optional.empty();
        }
        allowed.increment();
        checkLatency.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return Optional.of(AccessDecision.allowing(inForce.grant()));
    }

    private static Problems checkParameters(String user, String resource, String account) {
        Problems problems = new Problems();
        name(problems, user, "user");
        name(problems, resource, "resource");
        name(problems, account, "account");
        return problems;
    }

    /** A name too long to exist is refused with the code every other name field uses. */
    private static void name(Problems problems, String value, String field) {
        if (value != null && value.length() > Names.MAX_LENGTH) {
            problems.add(field, "invalid_name", "must be at most " + Names.MAX_LENGTH + " characters");
        } else {
            problems.requireText(value, field, Names.MAX_LENGTH);
        }
    }

    private static GrantIndex.Key keyOf(String user, String resource, String account) {
        return new GrantIndex.Key(Names.canonical(user), Names.canonical(resource), Names.canonical(account));
    }

    /** {@link #check} reading the database: for callers that cannot tell whether changes were seen. */
    public AccessDecision check(Actor asker, String user, String resource, String account) {
        return check(asker, user, resource, account, false);
    }

    private AccessDecision fromDatabase(Actor asker, GrantIndex.Key key, Instant now) {
        databaseReads.increment();
        return boundedCalls
                .call(() -> {
                    GrantIndex.Stamp stamp = indexKeeper.index().stampOf(key);
                    List<Grant> notEnded = repository.notEndedFor(key.user(), key.resource(), key.account(), now);
                    Optional<Grant> unclaimed =
                            GrantIndex.inForce(notEnded, now).isPresent()
                                    ? Optional.empty()
                                    : GrantIndex.claimMayBeInFlight(notEnded, now);
                    if (unclaimed.isPresent()) {
                        // a claim stamped before the window closed is in force when it commits:
                        // answer from it rather than deny what the next check would allow
                        repository.awaitClaim(unclaimed.get().id());
                        notEnded = repository.notEndedFor(key.user(), key.resource(), key.account(), now);
                    }
                    indexKeeper.install(key, stamp, notEnded);
                    return GrantIndex.inForce(notEnded, now)
                            .flatMap(grant ->
                                    grant.awaitsFirstUse() ? firstUse.start(asker, grant, now) : Optional.of(grant));
                })
                .map(AccessDecision::allowing)
                .orElseGet(AccessDecision::denied);
    }

    /**
     * The grants of these requests, by request id; the caller has already checked it may see the
     * requests. One statement, so no transaction of its own: answering a decision that granted access
     * reads its grant in one round trip.
     */
    public Map<String, Grant> forRequests(Collection<String> requestIds) {
        return repository.forRequests(requestIds, clock.instant()).stream()
                .collect(Collectors.toMap(Grant::requestId, Function.identity()));
    }

    public Optional<Grant> forRequest(String requestId) {
        return Optional.ofNullable(forRequests(List.of(requestId)).get(requestId));
    }

    /**
     * The grant an extension request asks more time on, as it stands now; empty for a request for new
     * access. The caller has already checked it may see the request: its approvers see what it would
     * lengthen without being allowed to read the grant itself.
     */
    public Optional<Grant> extendedBy(AccessRequest request) {
        String id = request.details().extendsGrant();
        return id == null ? Optional.empty() : repository.find(id, clock.instant());
    }

    /** @throws NotFoundException when the grant does not exist or the caller may not see it */
    @Transactional(readOnly = true)
    public Grant get(Actor actor, String id) {
        return repository
                .find(id, clock.instant())
                .filter(grant -> visibleTo(actor, idOf(actor), grant))
                .orElseThrow(() -> new NotFoundException("grant", id));
    }

    /**
     * Ends a grant now. An administrator may revoke any grant, a holder their own.
     *
     * @throws GrantNotActive when the grant has already ended or was revoked
     */
    @Transactional
    public Grant revoke(Actor actor, String id, String reason) {
        Problems problems = new Problems();
        problems.multiLineText(reason, "reason", MAX_REASON);
        problems.throwIfAny();
        // the extension request's lock before the grant's, the order an approval of it takes them in
        extensions.withdrawExtensionOf(id, EXTENSION_WITHDRAWN);
        Grant locked = repository
                .lock(id, clock.instant())
                .filter(g -> actor.isAdmin() || idOf(actor).equals(g.holderId()))
                .orElseThrow(() -> new NotFoundException("grant", id));
        // dated once the grant is held: a change that held it first, such as an approved extension, is earlier
        Instant now = clock.instant();
        Grant grant = locked.asOf(now);
        if (grant.status() == GrantStatus.EXPIRED || grant.status() == GrantStatus.REVOKED) {
            throw new GrantNotActive(id, grant.status());
        }
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        end(actor, grant, why, now);
        return repository.find(id, now).orElseThrow();
    }

    /**
     * The holder asks for {@code duration} more on their grant in force, giving a justification and a
     * ticket reference when the policy asks for them: opens the extension request, which the policy
     * governing the grant's resource and account today decides. Only the holder may ask; anyone else
     * who may not see the grant learns nothing of it.
     *
     * @throws NotFoundException when the grant does not exist or the caller may not see it
     * @throws NotTheHolder when the caller may see the grant but does not hold it
     * @throws GrantNotActive when the grant has ended or was revoked, or still waits for its first use
     */
    @Transactional
    public AccessRequest extend(Actor actor, String id, Duration duration, String justification, String ticket) {
        Instant now = clock.instant();
        String me = idOf(actor);
        Grant grant = repository
                .find(id, now)
                .filter(g -> visibleTo(actor, me, g))
                .orElseThrow(() -> new NotFoundException("grant", id));
        if (!me.equals(grant.holderId())) {
            throw new NotTheHolder(id);
        }
        if (grant.status() == GrantStatus.EXPIRED || grant.status() == GrantStatus.REVOKED) {
            throw new GrantNotActive(id, grant.status(), "extended");
        }
        if (grant.awaitsFirstUse()) {
            // its end is the claim window's, not a duration yet: there is nothing to add time to
            throw GrantNotActive.awaitingFirstUse(id);
        }
        return extensions.extend(
                actor,
                new ExtensionInput(
                        grant.id(),
                        grant.resource(),
                        grant.account(),
                        () -> term(id),
                        duration,
                        justification,
                        ticket));
    }

    /** The grant's term as it stands now; a grant that ended or was revoked meanwhile is not extended. */
    private ExtensionInput.Term term(String id) {
        Grant grant = repository.find(id, clock.instant()).orElseThrow(() -> new NotFoundException("grant", id));
        if (grant.status() == GrantStatus.EXPIRED || grant.status() == GrantStatus.REVOKED) {
            throw new GrantNotActive(id, grant.status(), "extended");
        }
        return new ExtensionInput.Term(Duration.between(grant.startsAt(), grant.endsAt()), grant.endsAt());
    }

    /**
     * Revokes, as the service, every grant not yet ended that {@code where} (a condition on the grants
     * table) selects: one revocation, audit event and {@code grant.revoked} each. Runs in the
     * caller's transaction.
     */
    void revokeAll(String reason, String where, Object... params) {
        List<String> locked = repository.lockUnended(where, clock.instant(), params);
        // dated once the grants are held, as a revoke of one is
        Instant now = clock.instant();
        for (String id : locked) {
            repository
                    .find(id, now)
                    .filter(grant -> grant.status() != GrantStatus.EXPIRED)
                    .ifPresent(grant -> end(Actor.system(), grant, reason, now));
        }
    }

    private void end(Actor actor, Grant grant, String reason, Instant now) {
        repository.revoke(grant.id(), now, actor.username(), reason);
        events.publishEvent(new GrantRevoked(
                actor, grant.id(), grant.requestId(), grant.user(), grant.resource(), grant.account(), reason));
    }

    /**
     * Grants newest start first: all of them for administrators and auditors, one's own for anyone
     * else. {@code active} true keeps those in force now (ACTIVE, or APPROVED_UNUSED within its claim
     * window); false keeps exactly the others (SCHEDULED, EXPIRED, REVOKED); null keeps every grant.
     */
    @Transactional(readOnly = true)
    public GrantPage list(Actor actor, Boolean active, String cursor, Integer limit) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        Problems problems = new Problems();
        problems.check(size >= 1 && size <= MAX_LIMIT, "limit", "out_of_range", "must be between 1 and " + MAX_LIMIT);
        problems.throwIfAny();
        GrantCursor after = cursor == null || cursor.isBlank() ? null : GrantCursor.decode(cursor);
        Instant now = clock.instant();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!actor.canReadEverything()) {
            where.append(" and holder_id = :me");
            params.put("me", idOf(actor));
        }
        if (active != null) {
            String inForce = "status <> 'REVOKED' and starts_at <= :now and ends_at > :now";
            // the two filters split every grant between them, so none is listed under both or neither
            where.append(active ? " and " + inForce : " and not (" + inForce + ")");
            params.put("now", Timestamps.toDb(now));
        }
        if (after != null) {
            where.append(" and (starts_at < :afterAt or (starts_at = :afterAt and id < :afterId))");
            params.put("afterAt", Timestamps.toDb(after.startsAt()));
            params.put("afterId", after.id());
        }
        where.append(" order by starts_at desc, id desc limit :limit");
        params.put("limit", size + 1);
        List<Grant> found = repository.query(where.toString(), params, now);
        if (found.size() <= size) {
            return new GrantPage(found, null);
        }
        Grant last = found.get(size - 1);
        return new GrantPage(List.copyOf(found.subList(0, size)), new GrantCursor(last.startsAt(), last.id()).encode());
    }

    private static boolean visibleTo(Actor actor, String me, Grant grant) {
        return actor.canReadEverything() || me.equals(grant.holderId());
    }

    /** The acting user's id; empty, and so nobody's, when the actor is not a user. */
    private String idOf(Actor actor) {
        return directory.idOf(actor.username()).orElse("");
    }
}
