package io.countersign.security;

import io.countersign.shared.settings.Setting;
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
        if (tokenMaxLifetime != null) {
            Setting.of("countersign.security.token-max-lifetime").requirePositive(tokenMaxLifetime);
        }
    }
}
