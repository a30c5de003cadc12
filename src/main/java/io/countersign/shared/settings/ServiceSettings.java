package io.countersign.shared.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Spring Boot's settings that Countersign's own variables set (application.yml), which Boot takes
 * whatever their value: a negative grace period ended every open call at once, and a session timeout
 * of zero or less kept signed-in browsers signed in for ever.
 */
final class ServiceSettings {

    static final Setting GRACE_PERIOD =
            new Setting("spring.lifecycle.timeout-per-shutdown-phase", "COUNTERSIGN_SHUTDOWN_GRACE_PERIOD");
    static final Setting SESSION_TIMEOUT = new Setting("server.servlet.session.timeout", "COUNTERSIGN_SESSION_TIMEOUT");

    private ServiceSettings() {}

    static void check(Binder binder) {
        binder.bind(GRACE_PERIOD.property(), Duration.class).ifBound(GRACE_PERIOD::requirePositive);
        // Tomcat counts sessions' lifetimes in whole minutes
        binder.bind(SESSION_TIMEOUT.property(), Duration.class)
                .ifBound(timeout -> SESSION_TIMEOUT.requireAtLeast(Duration.ofMinutes(1), "1m", timeout));
    }
}
