package io.countersign.shared.scheduling;

import io.countersign.shared.RefusalAuditLimiter;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Writes a failure that escapes a thread to the service's log. Without it the JVM prints such a failure
 * to standard error itself, past every log filter, appender and structured format. db-scheduler lets
 * one escape this way when a pick fails on a connection the database broke, so during an outage its
 * whole stack trace stood among the one-line complaints of everything else. A failure that says the
 * database is out of reach is one line a minute, as the scheduler's own are; any other keeps its stack
 * trace, since it may be a bug.
 */
@Component
class UncaughtFailureLog implements Thread.UncaughtExceptionHandler, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UncaughtFailureLog.class);

    private final RefusalAuditLimiter outages;
    private final Thread.UncaughtExceptionHandler previous;

    UncaughtFailureLog(Clock clock) {
        this.outages = new RefusalAuditLimiter(clock);
        this.previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler(this);
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        Throwable outage = SchedulerOutageLog.outage(failure);
        if (outage == null) {
            log.error("Thread {} stopped on a failure nothing caught", thread.getName(), failure);
            return;
        }
        outages.admit("uncaught", "database unavailable")
                .ifPresent(heldBack -> log.warn(
                        "Thread {} stopped: the database is out of reach ({})",
                        thread.getName(),
                        RefusalAuditLimiter.noted(SchedulerOutageLog.deepest(outage), heldBack)));
    }

    /** Another context in the same JVM may have put its own in place since; that one stays. */
    @Override
    public void destroy() {
        if (Thread.getDefaultUncaughtExceptionHandler() == this) {
            Thread.setDefaultUncaughtExceptionHandler(previous);
        }
    }
}
