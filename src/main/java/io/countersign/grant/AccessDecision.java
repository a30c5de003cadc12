package io.countersign.grant;

import java.time.Instant;

/** The answer to "may this user use this account on this resource now?"; ids are null when denied. */
public record AccessDecision(boolean allowed, String grantId, String requestId, Instant expiresAt) {

    static AccessDecision denied() {
        return new AccessDecision(false, null, null, null);
    }
}
