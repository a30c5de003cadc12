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
 * in use are counted and warned of apart, as {@code Database busy}: the database was not out of reach;
 * so are those whose database did not answer in time, as {@code Database did not answer in time}: it
 * may be up and merely slow under load.
 */
@Component
class UnavailableAnswers {

    private static final Logger log = LoggerFactory.getLogger(UnavailableAnswers.class);

    private final RefusalAuditLimiter warnings;

    UnavailableAnswers(Clock clock) {
        this.warnings = new RefusalAuditLimiter(clock);
    }

    void answered(Exception failure) {
        String kind = BoundedDatabaseCalls.isBusy(failure)
                ? "busy"
                : BoundedDatabaseCalls.isUnanswered(failure) ? "unanswered" : "unavailable";
        warnings.admit("database", kind)
                .ifPresent(heldBack -> log.warn(
                        switch (kind) {
                            case "busy" -> "Database busy, answered 503: {}";
                            case "unanswered" -> "Database did not answer in time, answered 503: {}";
                            default -> "Database unavailable, answered 503: {}";
                        },
                        RefusalAuditLimiter.noted(failure.getMessage(), heldBack)));
    }
}
