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
 * kind, which may be bugs, pass through untouched, as does everything other loggers write. A pass
 * that only waited out the pool while every connection was in use says so instead, counted apart.
 *
 * <p>What it logs about one execution when the database is out of reach (a heartbeat of a long
 * delivery, the completion of a run, a timer's run that failed) stays, one line each with the cause
 * instead of a stack trace of some 80 lines: it names the execution, which may run again late.
 */
@Component
class SchedulerOutageLog extends InstalledLogFilter {

    /** The scheduler's loops that log a failed pass and try again. */
    static final Set<String> LOOPS = Set.of(
            "com.github.kagkarlsson.scheduler.RunUntilShutdown", "com.github.kagkarlsson.scheduler.RunAndLogErrors");

    /** The scheduler's loggers of one execution's heartbeat, completion and failure. */
    static final Set<String> EXECUTIONS = Set.of(
            "com.github.kagkarlsson.scheduler.jdbc.JdbcTaskRepository",
            "com.github.kagkarlsson.scheduler.ExecutePicked",
            "com.github.kagkarlsson.scheduler.Scheduler");

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
        if (EXECUTIONS.contains(logger.getName())) {
            Throwable thrown = thrown(params, failure);
            Throwable outage = thrown == null || format == null ? null : outage(thrown);
            if (outage == null) {
                return FilterReply.NEUTRAL;
            }
            logInOneLine(logger, level, format, params, outage);
            return FilterReply.DENY;
        }
        Throwable outage =
                level == Level.ERROR && failure != null && LOOPS.contains(logger.getName()) ? outage(failure) : null;
        if (outage == null) {
            return FilterReply.NEUTRAL;
        }
        // a pool whose connections are all lent out is no outage, and an operator acts on it differently
        if (BoundedDatabaseCalls.isBusy(outage)) {
            warnings.admit("scheduler", "database busy")
                    .ifPresent(heldBack -> log.warn(
                            "Timers and deliveries wait: the scheduler found every database connection in use ({})",
                            RefusalAuditLimiter.noted(deepest(outage), heldBack)));
        } else if (BoundedDatabaseCalls.isUnanswered(outage)) {
            // a database slow under load does not answer in time either: it is not to be called out of reach
            warnings.admit("scheduler", "database unanswered")
                    .ifPresent(heldBack -> log.warn(
                            "Timers and deliveries wait: the scheduler's database did not answer in time ({})",
                            RefusalAuditLimiter.noted(deepest(outage), heldBack)));
        } else {
            warnings.admit("scheduler", "database unavailable")
                    .ifPresent(heldBack -> log.warn(
                            "Timers and deliveries wait: the scheduler cannot reach the database ({})",
                            RefusalAuditLimiter.noted(deepest(outage), heldBack)));
        }
        return FilterReply.DENY;
    }

    /**
     * The failure itself when it says the database is out of reach, or the failure it carries that
     * does: the scheduler's statements that fail on a broken connection throw the failed rollback
     * ("Connection is closed", which says nothing) and carry the statement's own failure as a
     * suppressed exception. Null for any other failure.
     */
    static Throwable outage(Throwable failure) {
        if (BoundedDatabaseCalls.isUnavailability(failure)) {
            return failure;
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Throwable suppressed : t.getSuppressed()) {
                if (BoundedDatabaseCalls.isUnavailability(suppressed)) {
                    return suppressed;
                }
            }
        }
        return null;
    }

    static String deepest(Throwable failure) {
        Throwable deepest = innermost(failure);
        return deepest.getClass().getSimpleName() + (deepest.getMessage() == null ? "" : ": " + deepest.getMessage());
    }
}
