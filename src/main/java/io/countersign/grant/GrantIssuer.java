package io.countersign.grant;

import io.countersign.request.RequestApproved;
import io.countersign.shared.NotFoundException;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns an approved request into its grant, synchronously and in the approval's own transaction: a
 * request is never APPROVED without its grant, and the row lock the approval holds on the request
 * means a request is granted once. Access starts at the requested start, or at approval when that
 * start has passed or none was asked for, and lasts the granted duration (the shortest any approver
 * allowed). Under a policy that starts the clock on first use, the grant instead waits from that
 * start through the claim window for the first access check that allows it, and then lasts the
 * granted duration. An approved extension moves its grant's end instead.
 */
@Component
class GrantIssuer {

    private final GrantRepository repository;
    private final GrantDueSchedule schedule;
    private final ApplicationEventPublisher events;

    GrantIssuer(GrantRepository repository, GrantDueSchedule schedule, ApplicationEventPublisher events) {
        this.repository = repository;
        this.schedule = schedule;
        this.events = events;
    }

    @EventListener
    void on(RequestApproved approved) {
        if (approved.extendsGrant() != null) {
            extend(approved);
            return;
        }
        Grant grant = grantFor(approved);
        repository.insert(grant);
        schedule.scheduleForNew(grant);
        events.publishEvent(issued(approved, grant));
    }

    /** The grant an approval issues, as of the approval. */
    static Grant grantFor(RequestApproved approved) {
        Instant at = approved.approvedAt();
        Instant startsAt = approved.startsAt() != null && approved.startsAt().isAfter(at) ? approved.startsAt() : at;
        boolean onFirstUse = approved.claimWindow() != null;
        Instant endsAt = startsAt.plus(onFirstUse ? approved.claimWindow() : approved.grantedDuration());
        GrantStatus status;
        if (onFirstUse) {
            status = GrantStatus.APPROVED_UNUSED;
        } else {
            status = startsAt.isAfter(at) ? GrantStatus.SCHEDULED : GrantStatus.ACTIVE;
        }
        return new Grant(
                approved.grantId(),
                approved.requestId(),
                approved.requester(),
                approved.resource(),
                approved.account(),
                startsAt,
                endsAt,
                status,
                null,
                null,
                null,
                approved.requesterId(),
                null,
                onFirstUse ? approved.grantedDuration() : null);
    }

    private static Object issued(RequestApproved approved, Grant grant) {
        return switch (grant.status()) {
            case APPROVED_UNUSED ->
                new GrantAwaitingFirstUse(
                        approved.actor(),
                        grant.id(),
                        grant.requestId(),
                        grant.user(),
                        grant.resource(),
                        grant.account(),
                        grant.startsAt(),
                        grant.endsAt(),
                        grant.firstUseDuration());
            case ACTIVE -> GrantSpanEvent.about(GrantStarted::new, approved.actor(), grant, grant.startsAt());
            default -> GrantSpanEvent.about(GrantScheduled::new, approved.actor(), grant, grant.startsAt());
        };
    }

    /**
     * An approved extension moves its grant's end by the granted duration, and the end's timer with it.
     * The grant is locked after the request, the order every decision takes; a grant revoked meanwhile
     * refuses the approval (its extension is being withdrawn).
     */
    private void extend(RequestApproved approved) {
        Instant at = approved.approvedAt();
        Grant grant = repository
                .lock(approved.extendsGrant(), at)
                .orElseThrow(() -> new NotFoundException("grant", approved.extendsGrant()));
        if (grant.status() == GrantStatus.EXPIRED || grant.status() == GrantStatus.REVOKED) {
            throw new GrantNotActive(grant.id(), grant.status(), "extended");
        }
        Instant endsAt = grant.endsAt().plus(approved.grantedDuration());
        repository.moveEnd(grant.id(), endsAt);
        Grant extended = repository.find(grant.id(), at).orElseThrow();
        schedule.scheduleFor(extended);
        events.publishEvent(new GrantExtended(
                approved.actor(),
                grant.id(),
                grant.requestId(),
                approved.requestId(),
                grant.user(),
                grant.resource(),
                grant.account(),
                approved.grantedDuration(),
                grant.endsAt(),
                endsAt));
    }
}
