package io.countersign.request;

import io.countersign.shared.Actor;
import io.countersign.shared.AuditableEvent;
import io.countersign.shared.ShortIds;
import java.time.Duration;
import java.time.Instant;

/**
 * Every step of a request is approved: access may be granted. {@code startsAt} is the start the
 * requester asked for (null for "as soon as approved"); {@code approvedAt} is when the last approval
 * came in. {@code requesterId} is the requester's user id, the grant's holder. {@code duration} is
 * what was requested, {@code grantedDuration} what the grant gets: the shortest any approver allowed.
 * {@code extendsGrant} is set when the request extends that grant instead of granting anew.
 * {@code claimWindow} is set when the grant's clock starts at its first use: how long the grant waits
 * for it. {@code grantId} is the grant the approval issues, or the one it extends: chosen here rather
 * than when the grant is written, so that everything told of the approval names the grant it made.
 */
public record RequestApproved(
        Actor actor,
        String requestId,
        String requester,
        String resource,
        String account,
        Duration duration,
        Instant startsAt,
        Instant approvedAt,
        String autoApprovedBecause,
        String requesterId,
        Duration grantedDuration,
        String extendsGrant,
        Duration claimWindow,
        String grantId)
        implements AuditableEvent {

    static RequestApproved of(
            Actor cause, RequestDetails details, Duration granted, Instant approvedAt, String autoApprovedBecause) {
        return new RequestApproved(
                cause,
                details.id(),
                details.requester(),
                details.resource(),
                details.account(),
                details.duration(),
                details.startsAt(),
                approvedAt,
                autoApprovedBecause,
                details.requesterId(),
                granted,
                details.extendsGrant(),
                details.claimWindow(),
                details.isExtension() ? details.extendsGrant() : ShortIds.next("grt"));
    }

    @Override
    public String action() {
        return "request.approved";
    }

    @Override
    public String target() {
        return "request:" + requestId;
    }

    @Override
    public String note() {
        String why =
                autoApprovedBecause == null ? "every step approved" : "approved automatically: " + autoApprovedBecause;
        return grantedDuration.equals(duration)
                ? why
                : why + "; granted " + grantedDuration + " of the " + duration + " requested";
    }
}
