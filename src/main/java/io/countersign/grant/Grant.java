package io.countersign.grant;

import java.time.Instant;

/**
 * Time-bound access to one account on one resource, created when a request is approved. {@code
 * status} is as of the moment the grant was read; the revocation fields are null unless revoked.
 * {@code user} is the holder's name for display; {@code holderId}, their user id, is whom it belongs to.
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
        String holderId) {}
