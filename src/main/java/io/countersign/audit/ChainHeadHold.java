package io.countersign.audit;

import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Bounds how long a sealing transaction may hold the chain head on PostgreSQL. Every instance's sealer
 * waits for the head's row lock, so a holder whose process is paused (stopped by a debugger or {@code
 * kill -STOP}, frozen by its host) would stop sealing on every instance for as long as it stays paused:
 * its connection sits idle in transaction and the database keeps the lock. With these limits the
 * database ends such a session after {@link #IDLE} and releases the lock; a healthy sealer goes from
 * one statement to the next in milliseconds and never comes near it. H2 runs in one process, where a
 * paused holder pauses every sealer anyway, so the limits are not set there.
 */
final class ChainHeadHold {

    /** How long a sealing transaction may wait between its statements before the database ends it. */
    static final Duration IDLE = Duration.ofSeconds(5);

    /**
     * How long one statement of a sealing transaction may run, its wait for the head included: longer
     * than {@link #IDLE}, so that a sealer waiting behind a paused holder gets the head once the
     * database has ended the holder's session, rather than failing first.
     */
    static final Duration STATEMENT = Duration.ofSeconds(15);

    /** Sets both limits for the rest of the caller's transaction only, in one round trip. */
    static final String LIMITS = "select set_config('idle_in_transaction_session_timeout', '"
            + IDLE.toMillis() + "ms', true), set_config('statement_timeout', '" + STATEMENT.toMillis()
            + "ms', true)";

    private ChainHeadHold() {}

    /** Applies the limits to the caller's transaction when {@code postgres}. */
    static void limit(JdbcClient jdbc, boolean postgres) {
        if (postgres) {
            jdbc.sql(LIMITS).query((rs, row) -> row).list();
        }
    }
}
