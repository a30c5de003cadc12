package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.inventory.Inventory;
import io.countersign.shared.Actor;
import io.countersign.shared.Problems;
import io.countersign.shared.database.Pipelined;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Applies decisions, cancellations and action tokens' decisions to a request under its row lock, in
 * the caller's transaction: the locks in the order offboarding and deletions take them, the timeout
 * that is due first, then the change and its events.
 */
@Component
class RequestDecisions {

    private final RequestRepository repository;
    private final DelegationStore delegations;
    private final BreakGlassReaders breakGlassReaders;
    private final Directory directory;
    private final Inventory inventory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final RequestMeters meters;

    RequestDecisions(
            RequestRepository repository,
            DelegationStore delegations,
            BreakGlassReaders breakGlassReaders,
            Directory directory,
            Inventory inventory,
            Clock clock,
            ApplicationEventPublisher events,
            RequestMeters meters) {
        this.repository = repository;
        this.delegations = delegations;
        this.breakGlassReaders = breakGlassReaders;
        this.directory = directory;
        this.inventory = inventory;
        this.clock = clock;
        this.events = events;
        this.meters = meters;
    }

    /** A change to a request made under its row lock by the acting user {@code actorId}. */
    interface Transition {
        void apply(AccessRequest request, String actorId, String comment, Instant at);
    }

    /**
     * Applies a write under the request's row lock. Time is enforced here rather than left to the
     * timers: whatever timeout is due is applied first, as the timers would apply it, and a decision
     * on a step (or a cancellation of a request that thereby ended) is refused; the caller's
     * transaction commits the timeout all the same. Action tokens decide through here too, so that
     * they obey every rule the API does.
     */
    AccessRequest decide(Actor actor, String id, String comment, boolean decidesTheStep, Transition transition) {
        return decide(actor, id, comment, new Problems(), decidesTheStep, null, transition);
    }

    /**
     * A decision on a step: the step named ({@code step}, numbered from 0; refusals name it as
     * {@code reader} does), or without one the step current when the call arrived ({@link DecidedStep}).
     */
    AccessRequest decideStep(
            Actor actor,
            String id,
            String comment,
            Problems problems,
            Integer step,
            StepReader reader,
            Transition transition) {
        if (step != null) {
            return decide(actor, id, comment, problems, true, null, (request, me, text, at) -> {
                DecidedStep.ensureNamed(request, step, reader);
                transition.apply(request, me, text, at);
            });
        }
        return decide(actor, id, comment, problems, true, repository.currentStep(id), transition);
    }

    /** As above, reporting the comment's problems together with those the caller found in its other input. */
    private AccessRequest decide(
            Actor actor,
            String id,
            String comment,
            Problems problems,
            boolean decidesTheStep,
            Pipelined<Optional<Integer>> arrived,
            Transition transition) {
        problems.multiLineText(comment, "comment", RequestValidation.MAX_TEXT);
        problems.throwIfAny();
        meters.timeDecision();
        String me = Requests.userIdOf(directory, actor);
        // only what the locks need: whether the caller may see the request is known once it is locked
        RequestRepository.Header found = repository.header(id).orElseThrow(() -> Requests.notFound(id));
        List<Delegation> mine = delegations.inForceTo(me, clock.instant());
        // the resource's row first, then the requester's, then the request's: the order deleting a
        // resource or removing an account (resource, request) and offboarding (user, request) take
        // them in, so a decision and either of those never both commit with the grant alive. One
        // round trip takes all three and reads the request's steps and decisions after them
        List<Pipelined<?>> before = new ArrayList<>();
        if (arrived != null) {
            // takes no lock, so it reads the step as it was when the call arrived, before any lock is waited for
            before.add(arrived);
        }
        before.add(inventory.resourceLock(found.resource()));
        if (found.requesterId() != null) {
            before.add(directory.activeLock(found.requesterId()));
        }
        AccessRequest request = repository
                .lock(id, before)
                .filter(r -> Requests.visibleTo(actor, me, r, mine, clock.instant())
                        // a reader of a break-glass use is refused the change as any reader is, not told it is none
                        || breakGlassReaders.reads(me, r.id(), mine, clock.instant()))
                .orElseThrow(() -> Requests.notFound(id));
        // read before the lock, held against ending and read again after it, judged at the time after
        // that: a delegation ended meanwhile gives no say, and one ended later is dated after this
        List<Delegation> held =
                delegations.holdAgainstEnding(mine.stream().map(Delegation::id).toList());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<Delegation> inForce = held.stream().filter(d -> d.inForceAt(now)).toList();
        request.considering(inForce);
        Optional<TimerOutcome> overtaken = DueTimer.apply(request, now);
        if (overtaken.isPresent() && (decidesTheStep || overtaken.get().ended())) {
            save(request);
            throw new DeadlinePassed(overtaken.get());
        }
        if (arrived != null) {
            arrived.answer().ifPresent(step -> DecidedStep.ensureNotOvertaken(request, step, me, inForce, now));
        }
        transition.apply(request, me, RequestValidation.trimToNull(comment), now);
        save(request);
        return request;
    }

    private void save(AccessRequest request) {
        repository.update(request);
        publish(request);
    }

    private void publish(AccessRequest request) {
        request.pullEvents().forEach(events::publishEvent);
    }
}
