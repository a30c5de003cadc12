package io.countersign.shared.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Health component {@code database}: one trivial query, bounded like the access check, so that a
 * readiness probe answers DOWN within a second while the database is unreachable instead of waiting
 * for the connection pool's timeout.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

    private final BoundedDatabaseCalls calls;
    private final JdbcClient jdbc;

    DatabaseHealthIndicator(BoundedDatabaseCalls calls, JdbcClient jdbc) {
        this.calls = calls;
        this.jdbc = jdbc;
    }

    @Override
    public Health health() {
        try {
            calls.call(() -> jdbc.sql("select 1").query(Integer.class).single());
            return Health.up().build();
        } catch (DatabaseUnavailableException e) {
            return Health.down().withDetail("reason", e.getMessage()).build();
        }
    }
}
