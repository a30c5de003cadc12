package io.countersign.grant;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/**
 * Access began: the grant of an approved request is in force until {@code endsAt}. {@code
 * alreadyEnded} is true for a scheduled grant whose start and end both passed while no instance ran:
 * its start is recorded at the catch-up, just before its end, and it gives no access any more.
 */
public record GrantStarted(
        Actor actor,
        String grantId,
        String requestId,
        String user,
        String resource,
        String account,
        Instant startsAt,
        Instant endsAt,
        boolean alreadyEnded)
        implements AuditableEvent {

    public GrantStarted(
            Actor actor,
            String grantId,
            String requestId,
            String user,
            String resource,
            String account,
            Instant startsAt,
            Instant endsAt) {
        this(actor, grantId, requestId, user, resource, account, startsAt, endsAt, false);
    }

    /** This event as recorded at {@code at}: already ended when its end is not after that. */
    GrantStarted recordedAt(Instant at) {
        return new GrantStarted(
                actor, grantId, requestId, user, resource, account, startsAt, endsAt, !endsAt.isAfter(at));
    }

    @Override
    public String action() {
        return "grant.started";
    }

    @Override
    public String target() {
        return "grant:" + grantId;
    }

    @Override
    public String note() {
        return alreadyEnded
                ? "access of " + user + " to " + account + "@" + resource + " started at " + startsAt + " and ended at "
                        + endsAt + " while Countersign was not running"
                : user + " may use " + account + "@" + resource + " until " + endsAt;
    }
}
