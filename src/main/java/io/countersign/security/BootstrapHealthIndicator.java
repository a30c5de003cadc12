package io.countersign.security;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health component {@code bootstrap}, part of readiness: DOWN until the first administrator exists,
 * so that a client told "ready" can use the preset administrator token at once.
 */
@Component("bootstrap")
class BootstrapHealthIndicator implements HealthIndicator {

    private final BootstrapAdministrator bootstrap;

    BootstrapHealthIndicator(BootstrapAdministrator bootstrap) {
        this.bootstrap = bootstrap;
    }

    @Override
    public Health health() {
        return bootstrap.done()
                ? Health.up().build()
                : Health.down()
                        .withDetail("reason", "the first administrator is not created yet")
                        .build();
    }
}
