package io.countersign.grant;

import java.time.Duration;
import java.time.Instant;

/**
 * Time-bound access to one account on one resource, created when a request is approved. {@code
 * status} is as of the moment the grant was read; the revocation fields are null unless revoked.
 * {@code user} is the holder's name for display; {@code holderId}, their user id, is whom it belongs to.
 *
 * <p>{@code firstUseDuration} is set when the grant's clock starts at its first use. Until then the
 * grant is {@code APPROVED_UNUSED}, {@code startsAt} is when it may first be used and {@code endsAt}
 * the end of its claim window; the first access check that allows it sets {@code clockStartedAt}
 * and moves {@code startsAt} and {@code endsAt} to that instant and {@code firstUseDuration} after it.
 */
public record Grant(
        String id,
        String requestId,
        String user,
        String resource,
        String account,
        Instant startsAt,
        Instant endsAt,
        GrantStatus status,
        Instant revokedAt,
        String revokedBy,
        String revokeReason,
        String holderId,
        Instant clockStartedAt,
        Duration firstUseDuration) {

    /** Whether this grant still waits for the first use that starts its clock. */
    boolean awaitsFirstUse() {
        return firstUseDuration != null && clockStartedAt == null;
    }

    /** This grant with its status as of {@code now}, as a read at that instant gives it. */
    Grant asOf(Instant now) {
        return new Grant(
                id,
                requestId,
                user,
                resource,
                account,
                startsAt,
                endsAt,
                GrantStatus.at(status, startsAt, endsAt, now),
                revokedAt,
                revokedBy,
                revokeReason,
                holderId,
                clockStartedAt,
                firstUseDuration);
    }

    /** This grant with its clock started at {@code at}: in force from then for its duration. */
    Grant startedAt(Instant at) {
        return new Grant(
                id,
                requestId,
                user,
                resource,
                account,
                at,
                at.plus(firstUseDuration),
                GrantStatus.ACTIVE,
                revokedAt,
                revokedBy,
                revokeReason,
                holderId,
                at,
                firstUseDuration);
    }
}
