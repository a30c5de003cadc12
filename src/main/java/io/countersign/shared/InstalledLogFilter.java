package io.countersign.shared;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;
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

    @Override
    public void destroy() {
        if (context != null) {
            context.getTurboFilterList().remove(this);
        }
    }
}
