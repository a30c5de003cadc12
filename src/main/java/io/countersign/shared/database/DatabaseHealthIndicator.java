package io.countersign.shared.database;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Health component {@code database}: one trivial query, bounded like the access check, so that a
 * readiness probe answers DOWN within a second while the database is unreachable instead of waiting
 * for the connection pool's timeout. The answer is reused for half a second: the health endpoints
 * are open, and callers hammering them must not take the bounded threads the access check needs.
 *
 * <p>A pool whose connections are all lent out is not an unreachable database: when the query on a
 * connection of its own answers, the component stays UP, saying the pool is busy. Otherwise one
 * burst that takes every connection would take every instance of a fleet out of rotation at once,
 * and leave the survivors of the burst none to share it.
 */
@Component("database")
class DatabaseHealthIndicator implements HealthIndicator {

    private static final long REUSE_NANOS = 500_000_000L;

    private final BoundedDatabaseCalls calls;
    private final JdbcClient jdbc;
    private final SeparateConnectionProbe separateConnection;
    private Health last;
    private long lastAt;

    DatabaseHealthIndicator(BoundedDatabaseCalls calls, JdbcClient jdbc, SeparateConnectionProbe separateConnection) {
        this.calls = calls;
        this.jdbc = jdbc;
        this.separateConnection = separateConnection;
    }

    @Override
    public synchronized Health health() {
        long now = System.nanoTime();
        if (last == null || now - lastAt > REUSE_NANOS) {
            last = probe();
            lastAt = System.nanoTime();
        }
        return last;
    }

    private Health probe() {
        try {
            calls.call(() -> jdbc.sql("select 1").query(Integer.class).single());
            return Health.up().build();
        } catch (DatabaseBusyException e) {
            return separateConnection
                    .failure()
                    .map(why -> Health.down()
                            .withDetail("reason", e.getMessage() + ", and " + why)
                            .build())
                    .orElseGet(() -> Health.up()
                            .withDetail("pool", "busy")
                            .withDetail("reason", e.getMessage())
                            .build());
        } catch (DatabaseUnavailableException e) {
            return Health.down().withDetail("reason", e.getMessage()).build();
        }
    }
}
