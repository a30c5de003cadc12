package io.countersign.security;

import io.countersign.shared.Problems;
import io.countersign.shared.Timestamps;
import java.time.Duration;
import java.time.Instant;

/**
 * When a new token expires. Two ceilings apply: the token the caller authenticated with (a token
 * must never mint one that outlives it, or a stolen short-lived token becomes a permanent one) and
 * the administrator's maximum lifetime. Without an asked expiry the earlier ceiling is the expiry.
 */
final class TokenLifetime {

    private TokenLifetime() {}

    /**
     * @param asked the expiry the caller asked for, or null
     * @param callerExpiry when the caller's own token expires; null when it does not, or the caller
     *     did not authenticate with a token
     * @param maxLifetime the administrator's maximum, or null for none
     * @return the expiry to store (null: never), with any problem added to {@code problems}
     */
    static Instant expiry(Instant asked, Instant callerExpiry, Duration maxLifetime, Instant now, Problems problems) {
        Instant maxExpiry = maxLifetime == null ? null : now.plus(maxLifetime);
        if (asked == null) {
            return earlier(callerExpiry, maxExpiry);
        }
        if (!problems.check(asked.isAfter(now), "expiresAt", "in_the_past", "must be in the future")) {
            return null;
        }
        Timestamps.checkNotTooFarAhead(problems, asked, now, "expiresAt");
        if (callerExpiry != null) {
            problems.check(
                    !asked.isAfter(callerExpiry),
                    "expiresAt",
                    "outlives_caller_token",
                    "must not be later than " + callerExpiry
                            + ", when the token you authenticated with expires; a token cannot mint a token"
                            + " that outlives it");
        }
        if (maxExpiry != null) {
            problems.check(
                    !asked.isAfter(maxExpiry),
                    "expiresAt",
                    "exceeds_max_lifetime",
                    "must be at most " + maxLifetime + " from now (no later than " + maxExpiry
                            + "), the maximum token lifetime set by the administrator");
        }
        return asked;
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isBefore(b) ? a : b;
    }
}
