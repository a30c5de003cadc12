package io.countersign.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code countersign.security.token-max-lifetime}: the longest an API token may live (unset: no
 * limit). When set, a token asked for without {@code expiresAt} gets this lifetime, and a later expiry
 * is refused.
 */
@ConfigurationProperties("countersign.security")
public record TokenProperties(Duration tokenMaxLifetime) {

    public TokenProperties {
        if (tokenMaxLifetime != null && (tokenMaxLifetime.isNegative() || tokenMaxLifetime.isZero())) {
            throw new IllegalArgumentException("countersign.security.token-max-lifetime must be positive");
        }
    }
}
