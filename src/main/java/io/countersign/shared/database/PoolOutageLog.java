package io.countersign.shared.database;

import ch.qos.logback.classic.Level;
import ch.qos.logback.core.spi.FilterReply;
import io.countersign.shared.InstalledLogFilter;
import io.countersign.shared.RefusalAuditLimiter;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.stereotype.Component;

/**
 * Keeps what the connection pools and transactions write about an unreachable database to one line
 * each, at WARN. HikariCP warns once a minute per pool that it cannot connect, and a transaction whose rollback
 * fails as well logs the failure that caused it, and a connection that breaks mid-call is marked as
 * broken, each with a stack trace of some 35 lines that says no
 * more than its innermost cause; the line itself, with that cause, stays, so the first sign of an
 * outage is as clear as before. The pool's "Failed to validate connection" warnings, one per pooled
 * connection when the database goes away, become one a minute per pool, counting the others.
 * Failures of any other kind, which may be bugs, keep their stack traces.
 */
@Component
class PoolOutageLog extends InstalledLogFilter {

    /** The loggers whose failures are shortened when they say the database is out of reach. */
    static final Set<String> SHORTENED = Set.of(
            "com.zaxxer.hikari.pool.PoolBase",
            "com.zaxxer.hikari.pool.HikariPool",
            "com.zaxxer.hikari.pool.ProxyConnection",
            "org.springframework.transaction.support.TransactionTemplate",
            "org.springframework.transaction.interceptor.TransactionInterceptor");

    /**
     * The loggers of transactions, which report a rollback that failed after an outage at ERROR: the
     * outage is not a failure of the service, and the loops that met it warn of it themselves.
     */
    private static final Set<String> TRANSACTIONS = Set.of(
            "org.springframework.transaction.support.TransactionTemplate",
            "org.springframework.transaction.interceptor.TransactionInterceptor");

    private static final String VALIDATION_FAILED = "{} - Failed to validate connection";

    private final RefusalAuditLimiter validations;

    PoolOutageLog(Clock clock) {
        this.validations = new RefusalAuditLimiter(clock);
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
        if (format == null || !level.isGreaterOrEqual(Level.WARN) || !SHORTENED.contains(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (format.startsWith(VALIDATION_FAILED) && params != null && params.length > 0) {
            return thinned(logger, level, format, params);
        }
        Throwable cause = thrown(params, failure);
        if (cause == null || !BoundedDatabaseCalls.isUnavailability(cause)) {
            return FilterReply.NEUTRAL;
        }
        logInOneLine(logger, TRANSACTIONS.contains(logger.getName()) ? Level.WARN : level, format, params, cause);
        return FilterReply.DENY;
    }

    private FilterReply thinned(ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params) {
        var admitted = validations.admit(logger.getName() + " " + params[0], "validation failed");
        if (admitted.isEmpty()) {
            return FilterReply.DENY;
        }
        if (admitted.getAsLong() == 0) {
            return FilterReply.NEUTRAL;
        }
        String message = MessageFormatter.arrayFormat(format, params).getMessage();
        logger.log(
                null,
                PoolOutageLog.class.getName(),
                Level.toLocationAwareLoggerInteger(level),
                RefusalAuditLimiter.noted(message, admitted.getAsLong()),
                null,
                null);
        return FilterReply.DENY;
    }
}
