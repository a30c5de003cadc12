package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.shared.Actor;
import io.countersign.shared.ConflictException;
import io.countersign.shared.ForbiddenException;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.Problems;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The review that follows each break-glass use (docs/adr/0021-break-glass.md): opened with the use,
 * acknowledged by one of its reviewers, gone overdue when its deadline passes first. The rules are in
 * {@link BreakGlassReviewRules}; here they meet the database, the clock and the events.
 */
@Service
public class BreakGlassReviews {

    static final int BATCH = 200;

    private final BreakGlassReviewStore store;
    private final BreakGlassReaders readers;
    private final BreakGlassReviewSchedule schedule;
    private final Requests requests;
    private final RequestRepository repository;
    private final DelegationStore delegations;
    private final BreakGlassReviewDelegates delegates;
    private final Directory directory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;

    BreakGlassReviews(
            BreakGlassReviewStore store,
            BreakGlassReaders readers,
            BreakGlassReviewSchedule schedule,
            Requests requests,
            RequestRepository repository,
            DelegationStore delegations,
            BreakGlassReviewDelegates delegates,
            Directory directory,
            Clock clock,
            ApplicationEventPublisher events,
            TransactionTemplate transactions) {
        this.store = store;
        this.readers = readers;
        this.schedule = schedule;
        this.requests = requests;
        this.repository = repository;
        this.delegations = delegations;
        this.delegates = delegates;
        this.directory = directory;
        this.clock = clock;
        this.events = events;
        this.transactions = transactions;
    }

    /**
     * Keeps whom a use told and opens its review, in the transaction that grants it, with its deadline
     * task; a use under a block stored before reviews existed opens none but keeps whom it told.
     */
    @EventListener
    void on(BreakGlassUsed used) {
        if (used.reviewDueAt() == null) {
            store.insertNotified(used.requestId(), used.notified());
            return;
        }
        store.insert(BreakGlassReview.opened(used, clock.instant().truncatedTo(ChronoUnit.MICROS)));
        schedule.at(used.requestId(), used.reviewDueAt());
    }

    /**
     * The delegations in force now whose delegates are asked to review {@code used} besides its
     * reviewers, one for each such person: those who may review it on a reviewer's behalf (as {@link
     * BreakGlassReviewRules} decides), never its requester. None for a use that opens no review.
     */
    public List<Delegation> delegatesToAsk(BreakGlassUsed used) {
        if (used.reviewDueAt() == null) {
            return List.of();
        }
        Instant now = clock.instant();
        return delegates.toAsk(BreakGlassReview.opened(used, now), now);
    }

    /**
     * A request as the caller may read it: as {@link Requests#get} allows, or, for a break-glass use,
     * as one of its reviewers (or a delegate of one) or one of the people told of it when it was
     * taken, who are not otherwise involved in it. Reading it gives them no say in it.
     *
     * @throws NotFoundException when the request does not exist or the caller may not see it
     */
    // not one transaction: the refusal of Requests#get would mark it for rollback
    public AccessRequest get(Actor actor, String id) {
        try {
            return requests.get(actor, id);
        } catch (NotFoundException hidden) {
            String me = directory.idOf(actor.username()).orElse("");
            Instant now = clock.instant();
            List<Delegation> mine = me.isEmpty() ? List.of() : delegations.inForceTo(me, now);
            if (readers.reads(me, id, mine, now)) {
                return repository.find(id).orElseThrow(() -> hidden);
            }
            throw hidden;
        }
    }

    /**
     * The caller acknowledges the break-glass use of request {@code id}. A deadline that has passed is
     * applied first, as its task would; the acknowledgement is still recorded, marked late.
     *
     * @throws NotFoundException when the request does not exist or the caller may not see it
     * @throws ForbiddenException when the caller may not review it
     * @throws ConflictException when it is not a reviewed break-glass use, or was reviewed already
     */
    @Transactional
    public BreakGlassReview review(Actor actor, String id, String comment) {
        Problems problems = new Problems();
        problems.multiLineText(comment, "comment", RequestValidation.MAX_TEXT);
        problems.throwIfAny();
        String me = directory.idOf(actor.username()).orElse("");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Delegation> mine = delegations.inForceTo(me, now);
        BreakGlassReview review = store.lock(id).orElse(null);
        if (review == null) {
            get(actor, id);
            throw new ConflictException("Request " + id + " is not a break-glass use with a review.");
        }
        BreakGlassReviewed reviewed;
        try {
            review = markOverdue(review, now).orElse(review);
            reviewed =
                    BreakGlassReviewRules.review(review, actor, me, mine, RequestValidation.trimToNull(comment), now);
        } catch (ForbiddenException refused) {
            // someone who may not even see the request learns nothing of it
            get(actor, id);
            throw refused;
        }
        store.update(reviewed.review());
        events.publishEvent(reviewed);
        return reviewed.review();
    }

    /**
     * Why the caller may not acknowledge this review now, by the rules {@link #review} applies (not a
     * reviewer nor a delegate of one, the requester, a role that reviews nothing, reviewed already);
     * empty when they may. Changes nothing.
     */
    @Transactional(readOnly = true)
    public Optional<String> whyNotReview(Actor actor, BreakGlassReview review) {
        String me = directory.idOf(actor.username()).orElse("");
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Delegation> mine = me.isEmpty() ? List.of() : delegations.inForceTo(me, now);
        try {
            BreakGlassReviewRules.review(review, actor, me, mine, null, now);
            return Optional.empty();
        } catch (ForbiddenException | ConflictException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /** The review of request {@code id}, if its break-glass use opened one. */
    @Transactional(readOnly = true)
    public Optional<BreakGlassReview> of(String id) {
        return store.find(id);
    }

    /** The reviews of these requests, by request id; requests without one are left out. */
    @Transactional(readOnly = true)
    public Map<String, BreakGlassReview> forRequests(Collection<String> ids) {
        return store.forRequests(ids);
    }

    /**
     * One page of break-glass uses, newest first, each with its review: every use for administrators
     * and auditors, for anyone else the uses they review, themselves or for someone who delegated to
     * them, reviewed, and the uses that told them; {@code overdue} keeps those whose deadline passed
     * unreviewed.
     */
    @Transactional(readOnly = true)
    public RequestPage list(Actor actor, boolean overdue, String cursor, Integer limit) {
        Instant now = clock.instant();
        if (actor.canReadEverything()) {
            return BreakGlassUses.page(repository, overdue, null, null, cursor, limit, now, found -> found);
        }
        String me = directory.idOf(actor.username()).orElse("");
        List<Delegation> mine = me.isEmpty() ? List.of() : delegations.inForceTo(me, now);
        Set<String> reviewers = new HashSet<>();
        if (!me.isEmpty()) {
            reviewers.add(me);
        }
        mine.forEach(d -> reviewers.add(d.delegator().id()));
        return BreakGlassUses.page(repository, overdue, reviewers, me, cursor, limit, now, found -> {
            List<String> ids = found.stream().map(AccessRequest::id).toList();
            Set<String> told = store.toldOf(me, ids);
            // a delegation covers some resources only: a use of another one is not the delegate's to review
            Map<String, BreakGlassReview> reviews = store.forRequests(ids);
            return found.stream()
                    .filter(use -> told.contains(use.id())
                            || (reviews.containsKey(use.id())
                                    && BreakGlassReaders.reviews(me, mine, reviews.get(use.id()), now)))
                    .toList();
        });
    }

    /** Marks request {@code id}'s review overdue if its deadline has passed; its deadline task calls this. */
    public boolean fire(String id) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return Boolean.TRUE.equals(transactions.execute(
                tx -> store.lock(id).flatMap(review -> markOverdue(review, now)).isPresent()));
    }

    /** Marks every review whose deadline passed unnoticed overdue, up to a batch; the safety net. */
    public int sweep() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int changed = 0;
        for (String id : store.pendingDueBy(now, BATCH)) {
            if (fire(id)) {
                changed++;
            }
        }
        return changed;
    }

    private Optional<BreakGlassReview> markOverdue(BreakGlassReview review, Instant now) {
        Optional<BreakGlassReview> overdue = BreakGlassReviewRules.overdue(review, now);
        overdue.ifPresent(late -> {
            store.update(late);
            events.publishEvent(new BreakGlassReviewOverdue(Actor.system(), late));
        });
        return overdue;
    }
}
