package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import java.time.Instant;

/**
 * A request was still pending when its time-to-live ran out; {@code reason} says why it ended then
 * when that was not the time-to-live itself (an extension request ends with its grant). {@code
 * extendsGrant} is the grant an extension request would have extended; null for new access.
 */
public record RequestExpired(
        Actor actor,
        String requestId,
        String requester,
        int step,
        Instant expiresAt,
        String reason,
        String extendsGrant)
        implements AuditableEvent {

    public RequestExpired(Actor actor, String requestId, String requester, int step, Instant expiresAt) {
        this(actor, requestId, requester, step, expiresAt, null, null);
    }

    /** The request {@code details} describes ran out of time while waiting on {@code step}. */
    static RequestExpired of(RequestDetails details, int step) {
        return new RequestExpired(
                Actor.system(),
                details.id(),
                details.requester(),
                step,
                details.expiresAt(),
                details.isExtension()
                        ? "its time-to-live, which ends no later than the grant " + details.extendsGrant()
                                + " it would extend, ran out"
                        : null,
                details.extendsGrant());
    }

    @Override
    public String action() {
        return "request.expired";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        return reason != null
                ? "still pending at step " + (step + 1) + " when " + reason + " at " + expiresAt
                : "still pending at step " + (step + 1) + " when its time-to-live ended at " + expiresAt;
    }

    /** The grant an extension request concerns, so that its audit row and events name that grant. */
    @Override
    public String grantId() {
        return extendsGrant;
    }
}
