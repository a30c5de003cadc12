package io.countersign.grant;

import java.time.Instant;

/**
 * The answer to "may this user use this account on this resource now?"; ids are null when denied.
 * {@code clockStartedAt} is set for a grant whose clock started at its first use: when that was.
 */
public record AccessDecision(
        boolean allowed, String grantId, String requestId, Instant expiresAt, Instant clockStartedAt) {

    static AccessDecision denied() {
        return new AccessDecision(false, null, null, null, null);
    }

    static AccessDecision allowing(Grant grant) {
        return new AccessDecision(true, grant.id(), grant.requestId(), grant.endsAt(), grant.clockStartedAt());
    }
}
