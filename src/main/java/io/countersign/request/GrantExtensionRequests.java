package io.countersign.request;

import io.countersign.directory.Directory;
import io.countersign.inventory.Inventory;
import io.countersign.policy.ApprovalPlan;
import io.countersign.policy.ApprovalPlanner;
import io.countersign.shared.Actor;
import io.countersign.shared.CallerGoneException;
import io.countersign.shared.InvalidInputException;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Requests for more time on an active grant: opened under the policy that governs the grant today,
 * decided like any request, and withdrawn when the grant is revoked first.
 */
@Service
public class GrantExtensionRequests {

    private final RequestRepository repository;
    private final ApprovalPlanner planner;
    private final Directory directory;
    private final Inventory inventory;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final Pipeline pipeline;
    private final ApproverHold approverHold;

    GrantExtensionRequests(
            RequestRepository repository,
            ApprovalPlanner planner,
            Directory directory,
            Inventory inventory,
            Clock clock,
            ApplicationEventPublisher events,
            Pipeline pipeline,
            ApproverHold approverHold) {
        this.repository = repository;
        this.planner = planner;
        this.directory = directory;
        this.inventory = inventory;
        this.clock = clock;
        this.events = events;
        this.pipeline = pipeline;
        this.approverHold = approverHold;
    }

    /**
     * Opens an extension request for the caller's own grant, under the policy that governs the grant's
     * resource and account today, within that policy's maximum total duration. It runs in the caller's
     * transaction; the grant module has checked that the caller holds the grant and that it is in
     * force. The request expires no later than the grant ends: a grant that ends while its extension is
     * pending ends, and the extension with it.
     *
     * @throws InvalidInputException when the duration is not positive or the total would pass the limit
     * @throws ExtensionPending when the grant already has an extension request pending
     */
    @Transactional
    public AccessRequest extend(Actor actor, ExtensionInput input) {
        Problems problems = new Problems();
        if (input.duration() == null) {
            problems.add("duration", "required", "must be given, e.g. PT1H");
        } else {
            problems.positiveWholeSeconds(input.duration(), "duration");
        }
        problems.multiLineText(input.justification(), "justification", RequestValidation.MAX_TEXT);
        problems.maxLength(input.ticket(), "ticket", RequestValidation.MAX_TICKET);
        problems.throwIfAny();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // resource, then requester: the order every request transition takes the locks in (docs/adr/0008).
        // The requester's row is locked alone: a holder's asks are taken one at a time, so that an ask
        // sees the extension another one opened, or the end another one moved, and none passes the limit.
        // The approvers' hold after the requester, in the same round trip, so that an offboarding of an
        // approver either sees this request or is read by it (docs/adr/0046)
        inventory.lockResource(input.resource());
        String requester = actor.username();
        Pipelined<Optional<String>> requesterLock = directory.activeNamedAloneLock(requester);
        Pipelined<Long> departures = approverHold.shared();
        pipeline.run(List.of(requesterLock, departures));
        approverHold.readCurrent(departures.answer());
        String requesterId = requesterLock.answer().orElseThrow(() -> CallerGoneException.orUnknown(actor, requester));
        repository.pendingExtensionsOf(input.grantId()).stream().findFirst().ifPresent(pending -> {
            throw new ExtensionPending(input.grantId(), pending);
        });
        ExtensionInput.Term term = input.term().get();
        ApprovalPlan plan = planner.planExtension(requester, input.resource(), input.account());
        Duration limit = plan.limits().maxTotalDuration();
        // what is left is measured rather than the total: a duration may be long enough to overflow it
        Duration left = limit == null ? null : limit.minus(term.lastsSoFar());
        if (left != null && input.duration().compareTo(left) > 0) {
            problems.add(
                    "duration",
                    "above_maximum",
                    "the grant lasts " + term.lastsSoFar() + " so far and " + input.duration() + " more would pass the "
                            + limit + " policy '" + plan.policyName() + "' allows in all; "
                            + (left.isNegative() || left.isZero()
                                    ? "it already lasts that long and cannot be extended further"
                                    : "at most " + left + " more may be asked"));
        }
        if (plan.limits().requireJustification() && RequestValidation.trimToNull(input.justification()) == null) {
            problems.add("justification", "required", "the governing policy requires a justification");
        }
        RequestValidation.checkTicket(problems, input.ticket(), plan.limits());
        problems.throwIfAny();
        if (!plan.isFeasible()) {
            throw new RefusedException("too_few_approvers", String.join(" ", plan.problems()));
        }
        Duration ttl = plan.limits().requestTtl() != null ? plan.limits().requestTtl() : RequestOpening.DEFAULT_TTL;
        Instant expiresAt = now.plus(ttl).isBefore(term.endsAt()) ? now.plus(ttl) : term.endsAt();
        RequestDetails details = new RequestDetails(
                ShortIds.next("req"),
                requester,
                input.resource(),
                input.account(),
                input.duration(),
                null,
                RequestValidation.trimToNull(input.justification()),
                RequestValidation.trimToNull(input.ticket()),
                plan.policyName(),
                requester,
                now,
                expiresAt,
                requesterId,
                requesterId,
                input.grantId(),
                null,
                false);
        Map<String, String> ids = RequestOpening.approverIdsOf(directory, plan);
        AccessRequest request = AccessRequest.open(details, plan, actor, ids::get);
        repository.insert(request, PlanSnapshot.of(plan), null, null);
        publish(request);
        return request;
    }

    /**
     * Cancels the pending extension request of a grant that was revoked, in the caller's transaction.
     * Called before the grant's row is locked, so that it takes the request's lock first, as a decision
     * on the extension does.
     */
    @Transactional
    public void withdrawExtensionOf(String grantId, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        // every one: before asks were taken one at a time, a grant could gather several
        repository.pendingExtensionsOf(grantId).stream()
                .map(repository::lock)
                .flatMap(Optional::stream)
                .forEach(request -> {
                    if (request.withdraw(reason, now)) {
                        repository.update(request);
                        publish(request);
                    }
                });
    }

    private void publish(AccessRequest request) {
        request.pullEvents().forEach(events::publishEvent);
    }
}
