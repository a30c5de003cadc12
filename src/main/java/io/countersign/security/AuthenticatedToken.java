package io.countersign.security;

import java.time.Instant;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * A caller authenticated by an API token: who they are and which token they used, kept as the
 * authentication's details so that operations can respect the token's own limits.
 */
public record AuthenticatedToken(CountersignPrincipal principal, String tokenId, Instant expiresAt) {

    /** The token the current caller authenticated with; empty for a browser session or no caller. */
    public static Optional<AuthenticatedToken> current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getDetails() instanceof AuthenticatedToken token
                ? Optional.of(token)
                : Optional.empty();
    }

    boolean expiredAt(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }
}
