package io.countersign.shared.scheduling;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.FilterReply;
import io.countersign.shared.InstalledLogFilter;
import io.countersign.shared.RefusalAuditLimiter;
import io.countersign.shared.database.BoundedDatabaseCalls;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps the scheduler's complaints about an unreachable database to one line a minute. db-scheduler's
 * polling and housekeeping loops log every failed pass at ERROR with its whole stack trace, about 95
 * lines every few seconds for as long as the outage lasts: in a 45 s outage, 568 of the 670 lines
 * written. They say nothing the first did not, and bury what else is logged. Failures of any other
 * kind, which may be bugs, pass through untouched, as does everything other loggers write.
 */
@Component
class SchedulerOutageLog extends InstalledLogFilter {

    /** The scheduler's loops that log a failed pass and try again. */
    static final Set<String> LOOPS = Set.of(
            "com.github.kagkarlsson.scheduler.RunUntilShutdown", "com.github.kagkarlsson.scheduler.RunAndLogErrors");

    private static final Logger log = LoggerFactory.getLogger(SchedulerOutageLog.class);

    private final RefusalAuditLimiter warnings;

    SchedulerOutageLog(Clock clock) {
        this.warnings = new RefusalAuditLimiter(clock);
        install();
    }

    @Override
    public FilterReply decide(
            Marker marker,
            ch.qos.logback.classic.Logger logger,
            Level level,
            String format,
            Object[] params,
            Throwable failure) {
        if (level != Level.ERROR
                || failure == null
                || !LOOPS.contains(logger.getName())
                || !BoundedDatabaseCalls.isUnavailability(failure)) {
            return FilterReply.NEUTRAL;
        }
        warnings.admit("scheduler", "database unavailable")
                .ifPresent(heldBack -> log.warn(
                        "Timers and deliveries wait: the scheduler cannot reach the database ({})",
                        RefusalAuditLimiter.noted(deepest(failure), heldBack)));
        return FilterReply.DENY;
    }

    private static String deepest(Throwable failure) {
        Throwable deepest = innermost(failure);
        return deepest.getClass().getSimpleName() + (deepest.getMessage() == null ? "" : ": " + deepest.getMessage());
    }
}
