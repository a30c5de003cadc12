package io.countersign.shared.settings;

import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * Spring Boot's settings that Countersign's own variables set (application.yml), which Boot takes
 * whatever their value: a negative grace period ended every open call at once, a session timeout
 * of zero or less kept signed-in browsers signed in for ever, a connection timeout of 0 let calls wait
 * for a database connection for ever, and a pool size below 1 silently became 10.
 */
final class ServiceSettings {

    static final Setting GRACE_PERIOD =
            new Setting("spring.lifecycle.timeout-per-shutdown-phase", "COUNTERSIGN_SHUTDOWN_GRACE_PERIOD");
    static final Setting SESSION_TIMEOUT = new Setting("server.servlet.session.timeout", "COUNTERSIGN_SESSION_TIMEOUT");
    static final Setting DB_CONNECTION_TIMEOUT =
            new Setting("spring.datasource.hikari.connection-timeout", "COUNTERSIGN_DB_CONNECTION_TIMEOUT_MS");
    static final Setting DB_POOL_SIZE =
            new Setting("spring.datasource.hikari.maximum-pool-size", "COUNTERSIGN_DB_POOL_SIZE");

    private ServiceSettings() {}

    static void check(Binder binder) {
        binder.bind(GRACE_PERIOD.property(), Duration.class).ifBound(GRACE_PERIOD::requirePositive);
        // Tomcat counts sessions' lifetimes in whole minutes
        binder.bind(SESSION_TIMEOUT.property(), Duration.class)
                .ifBound(timeout -> SESSION_TIMEOUT.requireAtLeast(Duration.ofMinutes(1), "1m", timeout));
        // in milliseconds; the pool's own minimum, below which 0 means waiting for ever
        binder.bind(DB_CONNECTION_TIMEOUT.property(), Integer.class)
                .ifBound(millis -> DB_CONNECTION_TIMEOUT.requireAtLeast(250, millis));
        binder.bind(DB_POOL_SIZE.property(), Integer.class).ifBound(size -> DB_POOL_SIZE.requireAtLeast(1, size));
    }
}
