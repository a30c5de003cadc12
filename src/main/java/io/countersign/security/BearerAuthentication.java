package io.countersign.security;

import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Reads an {@code Authorization: Bearer <token>} header and authenticates its token: the one way for
 * every API call, through the security filter chain or the access check's lean path, so both share
 * the token cache, the recording of {@code lastUsedAt} and the bounded database look-up.
 */
@Component
class BearerAuthentication {

    private static final String PREFIX = "Bearer ";
    private static final int MAX_TOKEN_LENGTH = 512;

    private final ApiTokens tokens;

    BearerAuthentication(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** Whether the header presents a bearer token at all; without one the call is anonymous. */
    static boolean presentsToken(String header) {
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /**
     * Who the token of a bearer header (see {@link #presentsToken}) belongs to: empty when it is empty,
     * too long, unknown or expired.
     *
     * @throws io.countersign.shared.database.DatabaseUnavailableException when the token must be looked
     *     up and the database does not answer in time
     */
    Optional<AuthenticatedToken> authenticate(String header) {
        String token = header.substring(PREFIX.length()).trim();
        return token.isEmpty() || token.length() > MAX_TOKEN_LENGTH ? Optional.empty() : tokens.authenticate(token);
    }
}
