package io.countersign.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * No observations of Spring Security's own: with them every filter of the chain is wrapped in an
 * observing decorator on every call, which cost more than an access check itself, even with those
 * observations switched off by name. Every call is still timed as {@code http.server.requests}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservations {

    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }
}
