package io.countersign.grant;

import io.countersign.request.RequestApproved;
import io.countersign.shared.NotFoundException;
import io.countersign.shared.ShortIds;
import java.time.Instant;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Turns an approved request into its grant, synchronously and in the approval's own transaction: a
 * request is never APPROVED without its grant, and the row lock the approval holds on the request
 * means a request is granted once. Access starts at the requested start, or at approval when that
 * start has passed or none was asked for, and lasts the granted duration (the shortest any approver
 * allowed).
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
        Instant at = approved.approvedAt();
        Instant startsAt = approved.startsAt() != null && approved.startsAt().isAfter(at) ? approved.startsAt() : at;
        Instant endsAt = startsAt.plus(approved.grantedDuration());
        GrantStatus status = startsAt.isAfter(at) ? GrantStatus.SCHEDULED : GrantStatus.ACTIVE;
        Grant grant = new Grant(
                ShortIds.next("grt"),
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
                approved.requesterId());
        repository.insert(grant);
        schedule.scheduleFor(grant);
        if (status == GrantStatus.ACTIVE) {
            events.publishEvent(new GrantStarted(
                    approved.actor(),
                    grant.id(),
                    grant.requestId(),
                    grant.user(),
                    grant.resource(),
                    grant.account(),
                    startsAt,
                    endsAt));
        } else {
            events.publishEvent(new GrantScheduled(
                    approved.actor(),
                    grant.id(),
                    grant.requestId(),
                    grant.user(),
                    grant.resource(),
                    grant.account(),
                    startsAt,
                    endsAt));
        }
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
