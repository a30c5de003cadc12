package io.countersign.web.api;

import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.database.BoundedDatabaseCalls;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Warns that calls were answered 503 because the database is out of reach: the first at once, then
 * at most one warning a minute, which counts the answers since the last. During an outage every call
 * fails alike and enforcement points ask hundreds of times a second: a line each would bury the rest
 * of the log, and take CPU from the answers. Calls answered 503 because every database connection was
 * in use are counted and warned of apart, as {@code Database busy}: the database was not out of reach.
 */
@Component
class UnavailableAnswers {

    private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);

    private final RefusalAuditLimiter warnings;

    UnavailableAnswers(Clock clock) {
        this.warnings = new RefusalAuditLimiter(clock);
    }

    void answered(Exception failure) {
        boolean busy = BoundedDatabaseCalls.isBusy(failure);
        warnings.admit("database", busy ? "busy" : "unavailable")
                .ifPresent(heldBack -> log.warn(
                        busy ? "Database busy, answered 503: {}" : "Database unavailable, answered 503: {}",
                        RefusalAuditLimiter.noted(failure.getMessage(), heldBack)));
    }
}
