package io.countersign.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * API token limits.
 *
 * @param tokenMaxLifetime longest lifetime of an API token (unset: no limit); tokens asked for without
 *     expiresAt get it, and a later expiry is refused
 */
@ConfigurationProperties("countersign.security")
public record TokenProperties(Duration tokenMaxLifetime) {

    public TokenProperties {
        if (tokenMaxLifetime != null && (tokenMaxLifetime.isNegative() || tokenMaxLifetime.isZero())) {
            throw new IllegalArgumentException("countersign.security.token-max-lifetime must be positive");
        }
    }
}
