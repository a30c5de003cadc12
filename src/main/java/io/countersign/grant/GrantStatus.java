package io.countersign.grant;

import java.time.Instant;

/**
 * Where a grant stands. {@code SCHEDULED} (an addition to the API's values) is a grant whose
 * requested start lies ahead; {@code APPROVED_UNUSED} is a grant whose clock starts at its first use
 * and that has not been used yet. Only {@code REVOKED} is final by itself; the others follow from the
 * grant's own start and end against the service clock, so an ended grant (or an unused one past its
 * claim window) reads as {@code EXPIRED} without waiting for any background job.
 */
public enum GrantStatus {
    SCHEDULED,
    APPROVED_UNUSED,
    ACTIVE,
    EXPIRED,
    REVOKED;

    static GrantStatus at(GrantStatus stored, Instant startsAt, Instant endsAt, Instant now) {
        if (stored == REVOKED) {
            return REVOKED;
        }
        if (!now.isBefore(endsAt)) {
            return EXPIRED;
        }
        if (now.isBefore(startsAt)) {
            return SCHEDULED;
        }
        return stored == APPROVED_UNUSED ? APPROVED_UNUSED : ACTIVE;
    }
}
