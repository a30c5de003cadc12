package io.countersign.testing;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How many statements of the test's PostgreSQL database wait for a lock another transaction holds:
 * what a race test awaits before it lets the holder go, so that the waiter is known to be waiting.
 */
public final class LockWaits {

    private LockWaits() {}

    public static long statementsWaiting(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from pg_stat_activity where datname = current_database()"
                        + " and wait_event_type = 'Lock'")
                .query(Long.class)
                .single();
    }
}
