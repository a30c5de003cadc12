package io.countersign.shared;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;
import org.springframework.beans.factory.DisposableBean;

/**
 * A Logback filter that reshapes some third-party log lines while its bean lives: installed by
 * {@link #install()} once the subclass is ready to decide, removed when the bean is destroyed. With
 * another logging backend it installs nothing and the lines are left as they are.
 */
public abstract class InstalledLogFilter extends TurboFilter implements DisposableBean {

    private final LoggerContext context;

    protected InstalledLogFilter() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        this.context = factory instanceof LoggerContext logback ? logback : null;
    }

    /** Called last by the subclass's constructor, since logging threads may call it at once. */
    protected final void install() {
        if (context != null) {
            start();
            context.addTurboFilter(this);
        }
    }

    /** The innermost cause of {@code failure}, which says what an outage's long chain of wrappers does. */
    protected static Throwable innermost(Throwable failure) {
        Throwable deepest = failure;
        while (deepest.getCause() != null && deepest.getCause() != deepest) {
            deepest = deepest.getCause();
        }
        return deepest;
    }

    /** The failure a line carries: given apart, or, as a turbo filter sees it, after the arguments. */
    protected static Throwable thrown(Object[] params, Throwable failure) {
        if (failure != null) {
            return failure;
        }
        return params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    }

    /**
     * Writes the line {@code format} and {@code params} make, with the failure and its innermost cause
     * in place of its stack trace, at the same level on the same logger; the caller then denies the
     * original line.
     */
    protected final void logInOneLine(
            ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params, Throwable failure) {
        Throwable deepest = innermost(failure);
        String causes = deepest == failure ? failure.toString() : failure + " (" + deepest + ")";
        logInstead(logger, level, MessageFormatter.arrayFormat(format, params).getMessage() + ": " + causes, null);
    }

    /** Writes {@code message} at the same level on the same logger; the caller then denies the original line. */
    protected final void logInstead(
            ch.qos.logback.classic.Logger logger, Level level, String message, Throwable failure) {
        logger.log(null, getClass().getName(), Level.toLocationAwareLoggerInteger(level), message, null, failure);
    }

    @Override
    public void destroy() {
        if (context != null) {
            context.getTurboFilterList().remove(this);
        }
    }
}
