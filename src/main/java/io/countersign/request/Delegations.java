package io.countersign.request;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import io.countersign.directory.Directory;
import io.countersign.directory.User;
import io.countersign.directory.UserAccessEnded;
import io.countersign.directory.UserChanged;
import io.countersign.policy.NamePattern;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.DistinctNames;
import io.countersign.shared.Names;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import io.countersign.shared.ShortIds;
import io.countersign.shared.Timestamps;
import io.countersign.shared.UserOwned;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Delegation and out-of-office: a user, or an administrator for them, hands the user's approvals to
 * another user for a period. Eligibility is decided against the clock when someone decides, so a
 * delegation stops with its {@code until} without waiting for a timer; its start has one
 * ({@link DelegationStarts}) so that the steps already waiting on the delegator tell the delegate then,
 * and its end one ({@link DelegationEnds}) so that the audit records it.
 */
@Service
public class Delegations {

    static final int MAX_RESOURCES = 20;

    private final DelegationStore store;
    private final DelegationStarts starts;
    private final SchedulerClient scheduler;
    private final OneTimeTask<Void> startTask;
    private final DelegationEnds ends;
    private final OneTimeTask<Void> endTask;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    Delegations(
            DelegationStore store,
            DelegationStarts starts,
            SchedulerClient scheduler,
            @Qualifier("delegationStartTask") OneTimeTask<Void> delegationStartTask,
            DelegationEnds ends,
            @Qualifier("delegationEndTask") OneTimeTask<Void> delegationEndTask,
            Directory directory,
            Clock clock,
            ApplicationEventPublisher events) {
        this.store = store;
        this.starts = starts;
        this.scheduler = scheduler;
        this.startTask = delegationStartTask;
        this.ends = ends;
        this.endTask = delegationEndTask;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
    }

    /** The user's delegations, latest first; the user or an administrator, 404 for anyone else. */
    @Transactional(readOnly = true)
    public List<Delegation> list(Actor actor, String username) {
        return store.ofDelegator(ownerVisibleTo(actor, username).id());
    }

    /**
     * Delegates the user's approvals.
     *
     * @throws io.countersign.shared.InvalidInputException with every issue: no or unknown delegate,
     *     oneself, an end not after the start or already past, a bad resource glob, a loop
     */
    @Transactional
    public Delegation create(Actor actor, String username, DelegationInput input) {
        Participant delegator = ownerVisibleTo(actor, username);
        // both people locked until the delegation is stored, and read under the lock rather than from
        // a cache: a deactivation, deletion or role change of either at the same moment, on any
        // instance, then either waits and ends the new delegation with their others, or commits first
        // and is seen here and by the checks of the delegate below
        String delegateName = Names.canonical(input.delegate());
        User owner = directory
                .lockUsers(Stream.of(delegator.username(), delegateName)
                        .filter(name -> name != null && Names.isValid(name))
                        .toList())
                .get(delegator.username());
        if (owner == null) {
            throw new NotFoundException("user", delegator.username());
        }
        if (!owner.active() || !owner.role().approves()) {
            throw new ConflictException("'" + owner.username() + "' is "
                    + (owner.active() ? "a user whose role does not approve" : "deactivated")
                    + ": there is nothing to hand on.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Problems problems = new Problems();
        Participant delegate = delegateOf(problems, input.delegate(), delegator, actor);
        Instant from = input.from() == null ? now : input.from().truncatedTo(ChronoUnit.MICROS);
        problems.check(
                !from.isBefore(now.minus(RequestValidation.CLOCK_SKEW)),
                "from",
                "in_the_past",
                "must not lie in the past: a delegation cannot act on what was decided before it");
        Instant until = input.until() == null ? null : input.until().truncatedTo(ChronoUnit.MICROS);
        if (until == null) {
            problems.add("until", "required", "must be given, e.g. 2026-12-24T00:00:00Z");
        } else {
            problems.check(until.isAfter(from), "until", "not_after_from", "must be after 'from'");
            problems.check(until.isAfter(now), "until", "in_the_past", "must be in the future");
            Timestamps.checkNotTooFarAhead(problems, until, now, "until");
        }
        List<String> resources = resourcesOf(problems, input.resources());
        problems.throwIfAny();
        store.takeTurn();
        List<Delegation> overlapping = store.overlapping(from, until);
        overlapping.stream()
                .filter(d -> d.delegator().id().equals(delegator.id())
                        && d.delegate().id().equals(delegate.id()))
                .findFirst()
                .ifPresent(same -> {
                    throw new ConflictException("'" + delegator.username() + "' already delegates to '"
                            + delegate.username() + "' from " + same.from() + " until " + same.until() + " ("
                            + same.id() + "); end that delegation first to hand on a different period or set"
                            + " of resources.");
                });
        if (DelegationCycles.wouldClose(delegator.id(), delegate.id(), overlapping)) {
            problems.add(
                    "delegate",
                    "cycle",
                    "'" + delegate.username() + "' delegates, directly or through others, back to '"
                            + delegator.username() + "' in that period; delegations must not form a loop");
            problems.throwIfAny();
        }
        Delegation delegation = new Delegation(ShortIds.next("dlg"), delegator, delegate, from, until, resources, null);
        store.insert(delegation, actor.username(), now);
        events.publishEvent(new DelegationCreated(actor, delegation));
        if (delegation.inForceAt(now)) {
            starts.join(delegation, now);
        } else {
            scheduler.scheduleIfNotExists(startTask.instance(delegation.id()), from);
        }
        scheduler.scheduleIfNotExists(endTask.instance(delegation.id()), until);
        return delegation;
    }

    /**
     * Ends a delegation now; the user or an administrator, 404 for anyone else or an unknown id.
     *
     * @throws ConflictException when it has already ended, early or by reaching its {@code until}
     */
    // the refusal keeps the end it has just recorded of a delegation past its until
    @Transactional(noRollbackFor = ConflictException.class)
    public Delegation end(Actor actor, String username, String id) {
        Participant delegator = ownerVisibleTo(actor, username);
        Delegation delegation = store.find(id)
                .filter(d -> d.delegator().id().equals(delegator.id()))
                .orElseThrow(() -> new NotFoundException("delegation", id));
        // dated once no decision made through it is still under way: none is recorded after its end
        store.holdForEnd(id);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (store.end(id, now)) {
            events.publishEvent(new DelegationEnded(actor, delegation, "ended by " + actor.username()));
            return store.find(id).orElseThrow();
        }
        // past its until without its end recorded yet (its timer has not run): record it now
        ends.recordIfOver(id, now);
        Delegation ended = store.find(id).orElseThrow();
        throw new ConflictException("Delegation " + id + " already ended"
                + (ended.endedAt() == null ? "" : " at " + ended.endedAt()) + "; there is nothing left to end.");
    }

    /**
     * The delegations in force now from any of these approvers (by username) that cover the resource,
     * for explain to show who would decide in their place.
     */
    @Transactional(readOnly = true)
    public List<Delegation> inForceFor(Collection<String> approvers, String resource) {
        Instant now = clock.instant();
        return store.inForceFrom(directory.idsOf(approvers).values(), now).stream()
                .filter(d -> d.covers(resource))
                .sorted(Comparator.comparing((Delegation d) -> d.delegator().username())
                        .thenComparing(d -> d.delegate().username()))
                .toList();
    }

    /** A user who leaves ends every delegation to and from them, in the same transaction. */
    @EventListener
    void on(UserAccessEnded ended) {
        endAllOf(ended.userId(), ended.reason());
    }

    /** So does a user given a role that does not approve: they may neither hand on nor take a place. */
    @EventListener
    void on(UserChanged changed) {
        if (changed.stoppedApproving()) {
            endAllOf(changed.userId(), UserChanged.NO_LONGER_APPROVES);
        }
    }

    private void endAllOf(String userId, String reason) {
        for (Delegation delegation : store.endAllFor(userId)) {
            events.publishEvent(new DelegationEnded(Actor.system(), delegation, reason));
        }
    }

    private Participant delegateOf(Problems problems, String raw, Participant delegator, Actor actor) {
        String name = Names.canonical(raw);
        if (name == null || name.isEmpty()) {
            problems.add("delegate", "required", "must name the user who approves in your place");
            return null;
        }
        if (!Names.isValid(name)) {
            problems.add("delegate", "unknown_user", "no active user by that name: it is not a valid username");
            return null;
        }
        User user = directory.findUser(name).filter(User::active).orElse(null);
        // another user's role is told only to a caller who may read it: to anyone else a user who
        // cannot take the place is one, whatever the reason
        if (user == null || (!user.role().approves() && !actor.canReadEverything())) {
            problems.add("delegate", "unknown_user", "is not an active user who may approve requests");
            return null;
        }
        if (!user.role().approves()) {
            problems.add("delegate", "cannot_approve", "'" + name + "' has a role that does not approve requests");
            return null;
        }
        if (name.equals(delegator.username())) {
            problems.add("delegate", "self", "a user cannot delegate to themself");
            return null;
        }
        return new Participant(directory.idOf(name).orElseThrow(), name);
    }

    private static List<String> resourcesOf(Problems problems, List<String> raw) {
        List<String> globs = new ArrayList<>();
        if (raw == null) {
            return globs;
        }
        problems.check(raw.size() <= MAX_RESOURCES, "resources", "too_many", "at most " + MAX_RESOURCES + " globs");
        DistinctNames distinct = new DistinctNames("resources");
        for (int i = 0; i < raw.size(); i++) {
            String glob = Names.canonical(raw.get(i));
            String field = "resources[" + i + "]";
            if (glob == null || glob.isEmpty()) {
                problems.add(field, "required", "must be a resource name or glob such as prod-*");
                continue;
            }
            NamePattern.syntaxError(glob).ifPresent(error -> problems.add(field, "invalid_glob", error));
            distinct.first(problems, glob, i);
            globs.add(glob);
        }
        return globs;
    }

    /** The user named by the path when the actor may manage their delegations ({@link UserOwned}). */
    private Participant ownerVisibleTo(Actor actor, String username) {
        String owner = Names.canonical(username);
        return new Participant(UserOwned.managedBy(actor, owner, directory.idOf(owner), "delegations"), owner);
    }
}
